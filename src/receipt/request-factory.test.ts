import { createRequestFactory, type RequestInput, type RequestModule } from './request-factory';
import { aReceipt } from './receipt-test-data';

function input(overrides: Partial<RequestInput> = {}): RequestInput {
  return {
    apiVersion: 4,
    operation: 'sell',
    receipt: aReceipt(),
    externalId: 'default.sell.1',
    timestamp: new Date('2026-03-14T09:40:05Z'),
    timeZone: 'Europe/Moscow',
    ...overrides,
  };
}

/** A stand-in for the next protocol: one module, nothing else changed. */
const standInV5: RequestModule = {
  operations: ['sell', 'sell_refund'],
  build: (request) => ({
    protocol: 'v5',
    external_id: request.externalId,
    receipt: { total: request.receipt.totalKopecks / 100 },
  }),
};

describe('createRequestFactory', () => {
  it('when nothing is registered, then v4 is there from the start', () => {
    const factory = createRequestFactory();

    expect(factory.versions()).toEqual([4]);
    expect(factory.build(input())).toMatchObject({ external_id: 'default.sell.1' });
  });

  it('when a v5 module is registered, then v5 bodies come from it and v4 is unchanged', () => {
    const factory = createRequestFactory();
    const v4Before = factory.build(input());

    factory.register(5, standInV5);

    expect(factory.versions()).toEqual([4, 5]);
    expect(factory.has(5)).toBe(true);
    expect(factory.build(input({ apiVersion: 5 }))).toEqual({
      protocol: 'v5',
      external_id: 'default.sell.1',
      receipt: { total: 2490 },
    });
    expect(factory.build(input())).toEqual(v4Before);
  });

  it('when a version is registered twice, then it throws', () => {
    const factory = createRequestFactory().register(5, standInV5);

    expect(() => factory.register(5, standInV5)).toThrow('already registered');
  });

  it('when a version nobody registered is asked, then it throws', () => {
    expect(() => createRequestFactory().build(input({ apiVersion: 5 }))).toThrow(
      'no request module for ATOL API version 5',
    );
  });

  it('when a module lacks the operation, then it throws', () => {
    const factory = createRequestFactory(new Map([[5, { ...standInV5, operations: ['sell'] }]]));

    expect(() => factory.build(input({ apiVersion: 5, operation: 'sell_refund' }))).toThrow(
      'has no operation sell_refund',
    );
  });
});
