import {
  api,
  createShopApiFixture,
  invoiceBody,
  refundBody,
  type ShopApiFixture,
} from './shop-api-fixture';

type Row = { request: { receipt: { items: unknown[] } } };

describe('refunds and their invoices', () => {
  let fx: ShopApiFixture;

  beforeAll(async () => {
    fx = await createShopApiFixture();
  });
  afterAll(() => fx.close());

  it('when a refund names a stored invoice and no orderId, then it takes the invoice orderId', async () => {
    await api(fx.app).post('/api/v1/invoices').send(invoiceBody('RI-1')).expect(201);

    const refund = refundBody('RR-1', 'RI-1', { orderId: undefined });
    const posted = await api(fx.app).post('/api/v1/refunds').send(refund).expect(201);

    expect(posted.body).toMatchObject({ invoiceId: 'RI-1', orderId: 'order-RI-1' });
  });

  it('when a refund of a pre-2026 invoice is previewed, then it has the rates its POST stores', async () => {
    const invoice = invoiceBody('RI-2', { createdAt: '2025-12-20T10:00:00+03:00' });
    await api(fx.app).post('/api/v1/invoices').send(invoice).expect(201);
    const refund = refundBody('RR-2', 'RI-2');

    const preview = await api(fx.app).post('/api/v1/preview/refund').send(refund).expect(200);
    const posted = await api(fx.app).post('/api/v1/refunds').send(refund).expect(201);

    const attempt: Row = await fx.db
      .knex('attempts')
      .where('external_id', posted.body.attempts[0].externalId)
      .first();
    expect(preview.body.request.receipt.items).toEqual(attempt.request.receipt.items);
    expect(JSON.stringify(attempt.request.receipt.items)).toContain('vat20');
  });

  it('when a refund names an invoice that is not stored, then it is accepted with a note', async () => {
    const posted = await api(fx.app)
      .post('/api/v1/refunds')
      .send(refundBody('RR-3', 'ELSEWHERE-1'))
      .expect(201);

    const notes = posted.body.events.filter(
      (e: { type: string }) => e.type === 'invoice_not_found',
    );
    expect(notes).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/not found/) }),
    ]);
  });

  it('when a refund names a refund as its invoice, then 422 names invoiceId', async () => {
    const response = await api(fx.app)
      .post('/api/v1/refunds')
      .send(refundBody('RR-4', 'RR-1'))
      .expect(422);

    expect(response.body.error.fields).toEqual([expect.objectContaining({ path: 'invoiceId' })]);
  });

  it('refuses a refund larger than its invoice, counting the refunds stored for it', async () => {
    await api(fx.app).post('/api/v1/invoices').send(invoiceBody('RI-5')).expect(201);
    const whole = { items: [{ name: 'Чайник', price: 4180, quantity: 1 }], total: 4180 };
    const more = { items: [{ name: 'Чайник', price: 4181, quantity: 1 }], total: 4181 };

    const tooLarge = await api(fx.app)
      .post('/api/v1/refunds')
      .send(refundBody('RR-5', 'RI-5', more))
      .expect(422);
    await api(fx.app)
      .post('/api/v1/refunds')
      .send(refundBody('RR-6', 'RI-5', whole))
      .expect(201);
    await api(fx.app)
      .post('/api/v1/refunds')
      .send(refundBody('RR-6', 'RI-5', whole))
      .expect(200);
    const second = await api(fx.app)
      .post('/api/v1/refunds')
      .send(refundBody('RR-7', 'RI-5'))
      .expect(422);

    expect(tooLarge.body.error.fields).toEqual([expect.objectContaining({ path: 'total' })]);
    expect(second.body.error.message).toMatch(/larger than what is left of invoice RI-5/);
  });
});
