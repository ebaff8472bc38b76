import {
  api,
  createShopApiFixture,
  invoiceBody,
  refundBody,
  type ShopApiFixture,
} from './shop-api-fixture';

describe('shop API, sync mode', () => {
  let fx: ShopApiFixture;

  beforeAll(async () => {
    fx = await createShopApiFixture({ SEND_MODE: 'sync' });
  });
  afterAll(() => fx.close());

  it('when an invoice is posted, then it is registered before the answer and done later', async () => {
    const posted = await api(fx.app).post('/api/v1/invoices').send(invoiceBody('S-1')).expect(201);

    expect(posted.body.status).toBe('wait');
    expect(posted.body.attempts).toEqual([expect.objectContaining({ status: 'sent', tries: 1 })]);
    expect(posted.body.transactions).toEqual([expect.objectContaining({ status: 'wait' })]);
    await fx.emulator.processWaiting();

    const refreshed = await api(fx.app).post('/api/v1/invoices/S-1/refresh').expect(200);
    expect(refreshed.body.status).toBe('done');
    expect(refreshed.body.fiscal.fnNumber).toMatch(/^\d{16}$/);
  });

  it('when a refund is posted, then it is registered as sell_refund before the answer', async () => {
    await api(fx.app).post('/api/v1/invoices').send(invoiceBody('S-2')).expect(201);

    const posted = await api(fx.app)
      .post('/api/v1/refunds')
      .send(refundBody('SR-2', 'S-2'))
      .expect(201);

    expect(posted.body).toMatchObject({ status: 'wait', operation: 'sell_refund' });
    await fx.emulator.processWaiting();
    const refreshed = await api(fx.app).post('/api/v1/refunds/SR-2/refresh').expect(200);
    expect(refreshed.body.status).toBe('done');
  });
});

describe('shop API, auto-send off', () => {
  let fx: ShopApiFixture;

  beforeAll(async () => {
    fx = await createShopApiFixture({ AUTO_SEND_INVOICES: 'false', AUTO_SEND_REFUNDS: 'false' });
  });
  afterAll(() => fx.close());

  it('when an invoice is posted, then it is only stored until a manual send makes it done', async () => {
    const posted = await api(fx.app).post('/api/v1/invoices').send(invoiceBody('M-1')).expect(201);
    expect(posted.body).toMatchObject({ status: 'stored', attempts: [] });
    await fx.settle();
    expect(fx.emulator.snapshot().totals.registerRequests).toBe(0);

    const sent = await api(fx.app).post('/api/v1/invoices/M-1/send').expect(200);
    expect(sent.body.status).toBe('queued');
    await fx.settle();

    const got = await api(fx.app).get('/api/v1/invoices/M-1').expect(200);
    expect(got.body.status).toBe('done');
    expect(got.body.events.map((event: { type: string }) => event.type)).toContain('manual_send');
  });

  it('when a send is asked while the receipt waits or is done, then 409 and nothing is sent', async () => {
    await api(fx.app).post('/api/v1/invoices').send(invoiceBody('M-2')).expect(201);
    await api(fx.app).post('/api/v1/invoices/M-2/send').send({}).expect(200);
    while ((await fx.worker.runOnce()) > 0);
    const before = fx.emulator.snapshot().totals.registerRequests;

    const whileWaiting = await api(fx.app).post('/api/v1/invoices/M-2/send').expect(409);
    await fx.settle();
    const whenDone = await api(fx.app).post('/api/v1/invoices/M-2/send').expect(409);
    const newId = await api(fx.app)
      .post('/api/v1/invoices/M-2/send')
      .send({ newId: true })
      .expect(409);

    expect(whileWaiting.body.error.message).toMatch(/^Invoice M-2 is registered .* waits for/);
    expect(whenDone.body.error.message).toMatch(/^Invoice M-2 is done/);
    expect(newId.body.error.code).toBe('conflict');
    await fx.settle();
    expect(fx.emulator.snapshot().totals.registerRequests).toBe(before);
  });

  it('when a stored document is refreshed before any send, then 409 names why', async () => {
    await api(fx.app).post('/api/v1/refunds').send(refundBody('MR-3', 'M-1')).expect(201);

    const response = await api(fx.app).post('/api/v1/refunds/MR-3/refresh').expect(409);

    expect(response.body.error.message).toMatch(/^Refund MR-3 has no receipt .* to refresh/);
  });

  it('when a send body is malformed or the id unknown, then 400 or 404', async () => {
    const bad = await api(fx.app)
      .post('/api/v1/invoices/M-1/send')
      .send({ newId: 'yes' })
      .expect(400);
    await api(fx.app).post('/api/v1/invoices/NOPE/send').expect(404);
    await api(fx.app).get('/api/v1/invoices/bad%20id').expect(400);

    expect(bad.body.error.fields).toEqual([expect.objectContaining({ path: 'newId' })]);
  });
});
