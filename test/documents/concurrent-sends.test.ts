import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  API_KEY,
  api,
  createShopApiFixture,
  invoiceBody,
  type ShopApiFixture,
} from './shop-api-fixture';

describe('concurrent manual sends of one failed document', () => {
  let fx: ShopApiFixture;
  let server: http.Server;

  beforeAll(async () => {
    fx = await createShopApiFixture({ SEND_MODE: 'sync' });
    server = http.createServer(fx.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await fx.close();
  });

  it('when 50 sends come at once, then no 500 and exactly one receipt under -r2', async () => {
    fx.emulator.addFaults([{ kind: 'fail', type: 'driver', code: 16, times: 2 }]);
    await api(fx.app).post('/api/v1/invoices').send(invoiceBody('DL-1')).expect(201);
    await fx.settle();
    const failed = await api(fx.app).get('/api/v1/invoices/DL-1').expect(200);
    expect(failed.body.status).toBe('failed');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        request(url)
          .post('/api/v1/invoices/DL-1/send')
          .set('Authorization', `Bearer ${API_KEY}`)
          .send(index % 2 === 0 ? {} : { newId: true }),
      ),
    );

    const statuses = [...new Set(responses.map((response) => response.status))].sort();
    expect(statuses.filter((status) => ![200, 202, 409].includes(status))).toEqual([]);
    expect(statuses).toContain(200);
    const state = await request(fx.emulator.url).get('/emulator/state').expect(200);
    const resent = Object.keys(state.body.receipts).filter((id) => id.endsWith('-r2'));
    expect(resent).toHaveLength(1);
    expect(state.body.receipts[resent[0]!].documents).toHaveLength(1);
  });
});
