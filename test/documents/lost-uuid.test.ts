import request from 'supertest';
import { api, createShopApiFixture, invoiceBody, type ShopApiFixture } from './shop-api-fixture';

describe('a transaction ATOL does not know (code 30)', () => {
  let fx: ShopApiFixture;

  beforeAll(async () => {
    fx = await createShopApiFixture();
  });
  afterAll(() => fx.close());

  it('when the emulator forgets a waiting receipt, then refresh resubmits it and it ends done', async () => {
    await api(fx.app).post('/api/v1/invoices').send(invoiceBody('LOST-1')).expect(201);
    while ((await fx.worker.runOnce()) > 0);
    const registered = await api(fx.app).get('/api/v1/invoices/LOST-1').expect(200);
    expect(registered.body.status).toBe('wait');
    await request(fx.emulator.url)
      .post('/emulator/reset')
      .expect((res) => res.status < 300);

    const recovered = await api(fx.app).post('/api/v1/invoices/LOST-1/refresh').expect(200);
    expect(recovered.body.status).toBe('wait');
    await fx.emulator.processWaiting();
    const done = await api(fx.app).post('/api/v1/invoices/LOST-1/refresh').expect(200);

    expect(done.body.status).toBe('done');
    const rows = await fx.db.knex('transactions').orderBy('id');
    expect(rows.map((row) => [row.status, row.error_class, row.external_id])).toEqual([
      ['fail', 'lost', rows[0].external_id],
      ['done', null, rows[0].external_id],
    ]);
    expect(await fx.db.knex('attempts').count({ n: '*' }).first()).toEqual({ n: 1 });
    const events = done.body.events.map((event: { type: string }) => event.type);
    expect(events).toContain('uuid_replaced');
    const state = await request(fx.emulator.url).get('/emulator/state').expect(200);
    expect(state.body.receipts[rows[0].external_id]).toMatchObject({ receipts: 1 });
    expect(state.body.receipts[rows[0].external_id].documents).toHaveLength(1);
  });
});
