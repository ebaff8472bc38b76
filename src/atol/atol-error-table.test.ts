import {
  classifyFailure,
  SERVICE_ERRORS,
  serviceErrorOf,
  serviceErrorText,
} from './atol-error-table';
import type { AtolErrorType } from './atol-types';

const error = (type: AtolErrorType, code: number) => ({ type, code, text: '' });

describe('classifyFailure (reference §7.2)', () => {
  it.each([
    ['timeout', 1, 'timeout'],
    ['driver', 16, 'data'],
    ['driver', 66, 'data'],
    ['driver', 128, 'data'],
    ['driver', 1, 'register'],
    ['driver', 68, 'register'],
    ['driver', 117, 'register'],
    ['driver', 138, 'register'],
    ['driver', 502, 'register'],
    ['driver', 38, 'data'],
    ['driver', 134, 'data'],
    ['driver', 146, 'data'],
    ['driver', -3803, 'data'],
    ['driver', 9999, 'data'],
    ['agent', 2003, 'data'],
    ['agent', 2009, 'data'],
    ['agent', 2004, 'register'],
    ['agent', 2005, 'register'],
    ['system', 2005, 'register'],
    ['system', -2146233033, 'data'],
  ] as const)('when a document fails with %s %i, then it is a %s error', (type, code, kind) => {
    expect(classifyFailure(error(type, code))).toBe(kind);
  });
});

describe('serviceErrorOf (reference §7.1)', () => {
  it('when the type is a register type, then small codes are not service errors', () => {
    expect(serviceErrorOf(error('driver', 10))).toBeUndefined();
    expect(serviceErrorOf(error('timeout', 1))).toBeUndefined();
  });

  it.each([
    [10, 'refresh_token'],
    [11, 'refresh_token'],
    [12, 'stop'],
    [14, 'stop'],
    [20, 'stop'],
    [21, 'stop'],
    [13, 'fix'],
    [32, 'fix'],
    [33, 'duplicate'],
    [34, 'not_ready'],
    [30, 'unknown_uuid'],
    [0, 'retry'],
    [1, 'retry'],
    [50, 'retry'],
  ] as const)('when system error %i comes, then the action is %s', (code, action) => {
    expect(serviceErrorOf(error('system', code))?.action).toBe(action);
  });

  it('when the table lists HTTP statuses, then they follow the summary of §7.1', () => {
    const byStatus = (status: number) =>
      SERVICE_ERRORS.filter((row) => row.httpStatus === status).map((row) => row.code);

    expect(byStatus(200)).toEqual([34]);
    expect(byStatus(400)).toEqual([0, 1, 13, 30, 31, 32, 33, 40]);
    expect(byStatus(401)).toEqual([10, 11, 12, 20, 21]);
    expect(byStatus(403)).toEqual([14]);
    expect(byStatus(415)).toEqual([41]);
    expect(byStatus(500)).toEqual([50]);
  });

  it('when a text has placeholders, then the arguments fill them', () => {
    expect(serviceErrorText(33, 'order-1-sell', 'shop_1')).toBe(
      'В системе существует чек с external_id : order-1-sell и group_code: shop_1',
    );
  });
});
