import { rateBreaks, schemaBreaks } from './broken-bodies';
import { RunningEmulator, startEmulator } from './emulator-http';
import { Body, changed, correctionBody, sellBody } from './v4-bodies';

const item = (body: Body) => body.receipt.items[0];

describe('emulator register validation (reference §3, §4, §10, §12)', () => {
  let atol: RunningEmulator;

  beforeAll(async () => {
    atol = await startEmulator({ processingDelayMs: 0 });
  });
  afterAll(() => atol.close());

  it.each(schemaBreaks)('when a body has %s, then 32 names the field', async (_, change, field) => {
    const answer = await atol.register(changed(sellBody(), change));

    expect(answer.status).toBe(400);
    expect(answer.body.status).toBe('fail');
    expect(answer.body.uuid).toBeUndefined();
    expect(answer.body.error).toMatchObject({ code: 32, type: 'system' });
    expect(answer.body.error.text).toMatch(/^Ошибка валидации входного чека\. Ошибочные поля : /);
    expect(answer.body.error.text).toContain(field);
  });

  it.each(rateBreaks)(
    'when %s, then 32 with the rate sentence',
    async (_, change, sentence, field) => {
      const answer = await atol.register(changed(sellBody(), change));

      expect(answer.body.error.code).toBe(32);
      expect(answer.body.error.text).toMatch(/^Передана некорректная ставка налога\./);
      expect(answer.body.error.text).toContain(sentence);
      expect(answer.body.error.text).toContain(field);
    },
  );

  it('when a 2026 refund keeps vat20, then it is accepted (refunds keep rates)', async () => {
    const refund = changed(sellBody(), (b) => {
      b.receipt.items = [{ ...item(b), price: 1200, sum: 1200, vat: { type: 'vat20', sum: 200 } }];
      b.receipt.payments = [{ type: 1, sum: 1200 }];
      b.receipt.vats = [{ type: 'vat20', sum: 200 }];
      b.receipt.total = 1200;
    });

    const answer = await atol.register(refund, 'sell_refund');

    expect(answer.status).toBe(200);
  });

  it('when unknown fields are sent, then v4 tolerates them (no additionalProperties)', async () => {
    const answer = await atol.register(changed(sellBody(), (b) => (b.receipt.extra = { x: 1 })));

    expect(answer.status).toBe(200);
  });

  it('when money has float-unfriendly cents such as 1.15, then it is not refused', async () => {
    const body = changed(sellBody(), (b) => {
      b.receipt.items = [
        { ...item(b), price: 1.15, quantity: 3, sum: 3.45, vat: { type: 'none' } },
      ];
      b.receipt.payments = [{ type: 1, sum: 3.45 }];
      b.receipt.vats = [{ type: 'none', sum: 0 }];
      b.receipt.total = 3.45;
    });

    const answer = await atol.register(body);

    expect(answer.status).toBe(200);
  });

  it('when a correction lacks its basis, then 32 names correction_info', async () => {
    const body = changed(correctionBody(), (b) => delete b.correction.correction_info.base_number);

    const answer = await atol.register(body, 'sell_correction');

    expect(answer.body.error.code).toBe(32);
    expect(answer.body.error.text).toContain(
      'PropertyRequired: #/correction.correction_info.base_number',
    );
  });

  it('when an internet correction has no client, then 32 names the client', async () => {
    const body = changed(correctionBody(), (b) => (b.correction.internet = true));

    const answer = await atol.register(body, 'sell_correction');

    expect(answer.body.error.text).toContain('PropertyRequired: #/correction.client');
  });

  it('when several fields are wrong, then 32 lists each of them', async () => {
    const body = changed(sellBody(), (b) => {
      item(b).price = 'x';
      b.receipt.payments[0].type = 12;
    });

    const answer = await atol.register(body);

    expect(answer.body.error.text).toContain('#/receipt.items[0].price');
    expect(answer.body.error.text).toContain('#/receipt.payments[0].type');
  });
});
