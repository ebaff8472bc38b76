import { ValidationError } from '../errors/errors';
import { fieldsFromErrorText } from './atol-client';
import { parseAtolReport, reportStateOf } from './atol-report';

// The final report of reference §11.3, as ATOL POSTs it to the callback URL.
const doneReport = {
  uuid: '5d0c1e7a-9b3f-4c61-8e2d-7a4f0b9c2e11',
  error: null,
  status: 'done',
  payload: {
    total: 4140.0,
    fns_site: 'www.nalog.gov.ru',
    fn_number: '7281440500123456',
    shift_number: 142,
    receipt_datetime: '14.03.2026 12:41:00',
    fiscal_receipt_number: 17,
    fiscal_document_number: 5821,
    ecr_registration_number: '0001234567012345',
    fiscal_document_attribute: 2893471056,
    ofd_inn: '7709364346',
    ofd_receipt_url: 'https://consumer.1-ofd.ru/v1?fn=7281440500123456&fp=2893471056&i=5821',
  },
  timestamp: '14.03.2026 12:41:03',
  group_code: 'teapot-shop-ru_8812',
  daemon_code: 'prod-agent-2',
  device_code: 'KSR13.11-3-7',
  external_id: 'order-10482-sell',
  callback_url: 'https://teapot-shop.example/atol/callback',
  warnings: null,
};

describe('parseAtolReport (reference §5.2, §6)', () => {
  it('when a done report comes, then its payload is kept as ATOL names it', () => {
    const report = parseAtolReport(doneReport);

    expect(report.payload?.fiscal_document_attribute).toBe(2893471056);
    expect(reportStateOf(report)).toMatchObject({ kind: 'done', payload: { total: 4140 } });
  });

  it('when the OFD link is top-level (before doc 5.7), then it moves into payload', () => {
    const { ofd_receipt_url: url, ...payload } = doneReport.payload;

    const report = parseAtolReport({ ...doneReport, payload, ofd_receipt_url: url });

    expect(report.payload?.ofd_receipt_url).toBe(url);
  });

  it('when a fail has no error_id and an unknown type, then it still parses', () => {
    const report = parseAtolReport({
      uuid: 'u',
      status: 'fail',
      payload: null,
      error: { code: 128, text: 'Некорректная сумма налога', type: 'driver' },
    });
    const odd = parseAtolReport({ uuid: 'u', status: 'fail', error: { code: 5, type: 'weird' } });

    expect(reportStateOf(report)).toMatchObject({ kind: 'fail', errorClass: 'data' });
    expect(odd.error).toEqual({ code: 5, type: 'unknown', text: '' });
  });

  it('when a done report has no payload, then it is refused naming the field', () => {
    const parse = () => parseAtolReport({ ...doneReport, payload: null });

    expect(parse).toThrow(ValidationError);
    try {
      parse();
    } catch (error) {
      expect((error as ValidationError).fields.map((field) => field.path)).toEqual(['payload']);
    }
  });

  it('when a fail carries a service error (30), then it is not a document state', () => {
    const report = parseAtolReport({
      uuid: 'u',
      status: 'fail',
      error: { code: 30, type: 'system' },
    });

    expect(reportStateOf(report)).toBeUndefined();
  });
});

describe('fieldsFromErrorText', () => {
  it('when ATOL lists fields, then they come back as dotted paths, once each', () => {
    const text =
      'Ошибка валидации входного чека. Ошибочные поля : PropertyRequired: #/receipt.client, ' +
      'NumberNotMultipleOf: #/receipt.items[10].price, PatternMismatch: #/receipt.client';

    expect(fieldsFromErrorText(text)).toEqual(['receipt.client', 'receipt.items.10.price']);
  });

  it('when the text names no field, then the list is empty', () => {
    expect(fieldsFromErrorText('Неверный логин или пароль')).toEqual([]);
  });
});
