import request from 'supertest';
import {
  api,
  countRows,
  createShopApiFixture,
  invoiceBody,
  refundBody,
  type ShopApiFixture,
} from './shop-api-fixture';

describe('shop API, async mode', () => {
  let fx: ShopApiFixture;

  beforeAll(async () => {
    fx = await createShopApiFixture();
  });
  afterAll(() => fx.close());

  it('when an invoice is posted, then it is queued, sent and done with fiscal data', async () => {
    const posted = await api(fx.app)
      .post('/api/v1/invoices')
      .send(invoiceBody('INV-1'))
      .expect(201);

    expect(posted.headers.location).toBe('/api/v1/invoices/INV-1');
    expect(posted.body).toMatchObject({
      kind: 'invoice',
      id: 'INV-1',
      operation: 'sell',
      status: 'queued',
      total: '4180.00',
      totalKopecks: 418000,
    });
    await fx.settle();

    const got = await api(fx.app).get('/api/v1/invoices/INV-1').expect(200);
    expect(got.body.status).toBe('done');
    expect(got.body.fiscal).toMatchObject({
      fnNumber: expect.stringMatching(/^\d{16}$/),
      fiscalDocumentNumber: expect.any(Number),
      fiscalDocumentAttribute: expect.any(Number),
      total: '4180.00',
    });
    expect(got.body.receipt.lines[0]).toMatchObject({
      name: 'Электрический чайник',
      vat: expect.any(String),
    });
    expect(got.body.attempts).toEqual([
      expect.objectContaining({ operation: 'sell', status: 'sent' }),
    ]);
    expect(got.body.transactions).toEqual([expect.objectContaining({ status: 'done' })]);
    expect(got.body.events.map((event: { type: string }) => event.type)).toEqual(
      expect.arrayContaining(['accepted', 'queued', 'done']),
    );
  });

  it('when a refund is posted, then it is registered as sell_refund and done', async () => {
    await api(fx.app).post('/api/v1/invoices').send(invoiceBody('INV-2')).expect(201);
    await api(fx.app).post('/api/v1/refunds').send(refundBody('REF-2', 'INV-2')).expect(201);
    await fx.settle();

    const got = await api(fx.app).get('/api/v1/refunds/REF-2').expect(200);

    expect(got.body).toMatchObject({ kind: 'refund', operation: 'sell_refund', status: 'done' });
    expect(got.body.transactions[0].operation).toBe('sell_refund');
    const externalId = got.body.attempts[0].externalId;
    expect(fx.emulator.snapshot(externalId).receipts[externalId]).toMatchObject({ receipts: 1 });
  });

  it('when a refund names an invoice dated before 2026, then it keeps the invoice VAT rates', async () => {
    const old = {
      createdAt: '2025-12-20T12:00:00+03:00',
      items: [{ name: 'Чайник', price: 1000, quantity: 1, vat: 'vat20' }],
      shipping: undefined,
      total: 1000,
    };
    await api(fx.app).post('/api/v1/invoices').send(invoiceBody('INV-2025', old)).expect(201);
    const line = { name: 'Чайник', price: 1000, quantity: 1, vat: 'vat20' };
    const refund = { createdAt: '2026-01-10T12:00:00+03:00', items: [line], total: 1000 };

    const kept = await api(fx.app)
      .post('/api/v1/refunds')
      .send(refundBody('REF-2025', 'INV-2025', refund))
      .expect(201);
    const alone = await api(fx.app)
      .post('/api/v1/refunds')
      .send(refundBody('REF-2026', 'NO-SUCH', refund))
      .expect(201);

    expect(kept.body.receipt.lines[0].vat).toBe('vat20');
    expect(kept.body.events.map((e: { type: string }) => e.type)).not.toContain('vat_remapped');
    expect(alone.body.receipt.lines[0].vat).toBe('vat22');
    expect(alone.body.events.map((e: { type: string }) => e.type)).toContain('vat_remapped');
  });

  it('when the same document is posted again, then 200 with it; another body, then 409', async () => {
    await api(fx.app).post('/api/v1/invoices').send(invoiceBody('INV-3')).expect(201);
    const reordered = Object.fromEntries(Object.entries(invoiceBody('INV-3')).reverse());

    const repeat = await api(fx.app).post('/api/v1/invoices').send(reordered).expect(200);
    const conflict = await api(fx.app)
      .post('/api/v1/invoices')
      .send(
        invoiceBody('INV-3', {
          total: 4179,
          items: [{ name: 'x', price: 4179, quantity: 1 }],
          shipping: undefined,
        }),
      )
      .expect(409);

    expect(repeat.body.id).toBe('INV-3');
    expect(conflict.body.error.code).toBe('document_conflict');
    expect(conflict.body.error.message).toMatch(/^Invoice [^ ]+ is stored with a different body/);
    expect(await countRows(fx.db, 'attempts')).toBe(await countRows(fx.db, 'documents'));
  });

  it('when no API key is sent, then 401 and nothing is stored', async () => {
    const before = await countRows(fx.db, 'documents');

    await request(fx.app).post('/api/v1/invoices').send(invoiceBody('INV-4')).expect(401);
    await request(fx.app)
      .get('/api/v1/invoices/INV-1')
      .set('Authorization', 'Bearer nope')
      .expect(401);

    expect(await countRows(fx.db, 'documents')).toBe(before);
  });
});
