import { eventually, RunningEmulator, startEmulator } from './emulator-http';
import { Body, changed, sellBody } from './v4-bodies';

const items = (body: Body) => body.receipt.items;
const item = (body: Body) => body.receipt.items[0];

/** Breaks the register finds at processing (reference §12.3): the report fails with these. */
const processingBreaks: Array<[string, (body: Body) => void, string, number, string]> = [
  [
    'another company INN',
    (b) => (b.receipt.company.inn = '7712345678'),
    'agent',
    2003,
    'receipt.company.inn',
  ],
  [
    'another payment address',
    (b) => (b.receipt.company.payment_address = 'https://shop.example'),
    'agent',
    2009,
    'receipt.company.payment_address',
  ],
  [
    'the abolished ENVD tax system',
    (b) => (b.receipt.company.sno = 'envd'),
    'driver',
    143,
    'receipt.company.sno',
  ],
  [
    'a sum 2 kopecks off price × quantity',
    (b) => {
      items(b)[1].sum = 1300.02;
      b.receipt.total = 4140.02;
      b.receipt.payments[0].sum = 4140.02;
    },
    'driver',
    16,
    'receipt.items[1].sum',
  ],
  [
    'a total a rouble off the lines',
    (b) => (b.receipt.total = 4141),
    'driver',
    63,
    'receipt.total',
  ],
  [
    'payments short of the total',
    (b) => (b.receipt.payments[0].sum = 4139.99),
    'driver',
    66,
    'receipt.payments',
  ],
  [
    'card payments over the total',
    (b) => (b.receipt.payments[0].sum = 4140.01),
    'driver',
    52,
    'receipt.payments',
  ],
  [
    'a wrong VAT in vats[]',
    (b) => (b.receipt.vats[0].sum = 500),
    'driver',
    128,
    'receipt.vats[0].sum',
  ],
  [
    'a wrong line VAT without vats[]',
    (b) => {
      delete b.receipt.vats;
      item(b).vat.sum = 415;
    },
    'driver',
    128,
    'receipt.items[0].vat.sum',
  ],
];

describe('emulator processing rules (reference §10, §12.3)', () => {
  let atol: RunningEmulator;

  beforeAll(async () => {
    atol = await startEmulator({ processingDelayMs: 0 });
  });
  afterAll(() => atol.close());

  async function finalReport(body: Body) {
    const registered = await atol.register(body);
    expect(registered.status).toBe(200);
    return eventually(async () => {
      const answer = await atol.report(registered.body.uuid);
      return answer.body.status === 'wait' ? undefined : answer.body;
    });
  }

  it.each(processingBreaks)(
    'when a receipt has %s, then it is accepted and fails at the register',
    async (_, change, type, code, field) => {
      const report = await finalReport(changed(sellBody(), change));

      expect(report.status).toBe('fail');
      expect(report.payload).toBeNull();
      expect(report.error).toMatchObject({ type, code });
      expect(report.error.text.length).toBeGreaterThan(0);
      expect(atol.emulator.document(report.uuid)?.failedFields).toEqual([field]);
    },
  );

  it.each([
    [
      'a sum one kopeck off price × quantity',
      (b: Body) => {
        items(b)[1].sum = 1300.01;
        b.receipt.total = 4140.01;
        b.receipt.payments[0].sum = 4140.01;
        b.receipt.vats = undefined;
      },
    ],
    ['a total 99 kopecks off the lines (v4 tolerance)', (b: Body) => (b.receipt.total = 4140.99)],
    [
      'cash over the total (change)',
      (b: Body) =>
        (b.receipt.payments = [
          { type: 1, sum: 4000 },
          { type: 0, sum: 200 },
        ]),
    ],
    ['vats[] one kopeck off', (b: Body) => (b.receipt.vats[0].sum = 512.14)],
    [
      'no VAT amounts at all',
      (b: Body) => {
        delete b.receipt.vats;
        items(b).forEach((i: Body) => delete i.vat.sum);
      },
    ],
  ])('when a receipt has %s, then it is done', async (_, change) => {
    const report = await finalReport(changed(sellBody(), change));

    expect(report.status).toBe('done');
  });

  it('when company checks are off, then another INN is fiscalised', async () => {
    const lenient = await startEmulator({ processingDelayMs: 0, checkCompany: false });
    try {
      const registered = await lenient.register(
        changed(sellBody(), (b) => (b.receipt.company.inn = '7712345678')),
      );
      const report = await eventually(async () => {
        const answer = await lenient.report(registered.body.uuid);
        return answer.body.status === 'wait' ? undefined : answer.body;
      });
      expect(report.status).toBe('done');
    } finally {
      await lenient.close();
    }
  });
});
