import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  API_KEY,
  countRows,
  createShopApiFixture,
  invoiceBody,
  type ShopApiFixture,
} from './shop-api-fixture';

describe('concurrent posts of one document', () => {
  let fx: ShopApiFixture;
  let server: http.Server;

  beforeAll(async () => {
    fx = await createShopApiFixture();
    server = http.createServer(fx.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await fx.close();
  });

  it('when the same invoice is posted 50 times at once, then one document and one receipt', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const body = invoiceBody('CONC-1');

    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        request(url).post('/api/v1/invoices').set('Authorization', `Bearer ${API_KEY}`).send(body),
      ),
    );

    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 200)).toHaveLength(49);
    expect(new Set(responses.map((response) => response.body.id))).toEqual(new Set(['CONC-1']));
    expect(await countRows(fx.db, 'documents')).toBe(1);
    expect(await countRows(fx.db, 'attempts')).toBe(1);

    await fx.settle();
    const state = await request(fx.emulator.url).get('/emulator/state').expect(200);
    expect(state.body.totals).toMatchObject({ accepted: 1, done: 1 });
    const [externalId] = Object.keys(state.body.receipts);
    expect(state.body.receipts[externalId!]).toMatchObject({ receipts: 1, submissions: 1 });
  });
});
