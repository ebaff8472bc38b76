import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { basicAuth } from '../admin/admin-fixtures';
import { AdminTestApp, API_KEY, createAdminTestApp, postInvoice } from '../admin/admin-test-app';

// The app-level input guards, through the app as src/main.ts composes it: whatever route a
// request reaches, hostile text and wrong content types are refused before any query runs.

const bearer = `Bearer ${API_KEY}`;

function invoice(id: string) {
  return {
    id,
    items: [{ name: 'Чайник', price: 1990, quantity: 2, vat: 'vat22' }],
    total: 3980,
  };
}

describe('app-level input guards', () => {
  let fixture: AdminTestApp;
  let callbackPath: string;

  beforeAll(async () => {
    fixture = await createAdminTestApp();
    callbackPath = fixture.context.config.callbackPath;
  });
  afterAll(() => fixture.close());

  it('when a query parameter holds NUL, then every route answers 400 naming it', async () => {
    const cases: Array<[string, string, string]> = [
      ['/api/v1/documents?orderId=%00', bearer, 'orderId'],
      ['/admin/documents?q=%00', basicAuth(), 'q'],
      ['/admin/atol-requests?document=%00', basicAuth(), 'document'],
    ];
    for (const [url, authorization, name] of cases) {
      const response = await request(fixture.app).get(url).set('Authorization', authorization);
      expect([url, response.status]).toEqual([url, 400]);
      expect(response.body.error.fields).toEqual([{ path: name, message: expect.any(String) }]);
    }
  });

  it('when a route parameter holds NUL, then the answer is 400 naming its segment', async () => {
    const response = await request(fixture.app)
      .get('/api/v1/invoices/A%00B')
      .set('Authorization', bearer);

    expect(response.status).toBe(400);
    expect(response.body.error.fields[0].path).toBe('path segment 4');
  });

  it.each(['\\u0000', '\\ud800'])(
    'when a callback body holds %s, then 400 names the field and nothing is stored',
    async (escaped) => {
      const response = await request(fixture.app)
        .post(callbackPath)
        .set('Content-Type', 'text/plain')
        .send(`{"uuid":"abc","status":"wait","x":"${escaped}"}`);

      expect(response.status).toBe(400);
      expect(response.body.error.fields).toEqual([{ path: 'x', message: expect.any(String) }]);
      expect(await fixture.db.knex('callbacks').count({ n: '*' })).toEqual([{ n: 0 }]);
    },
  );

  it('when a callback comes as text/plain, then it is still read as JSON', async () => {
    const response = await request(fixture.app)
      .post(callbackPath)
      .set('Content-Type', 'text/plain')
      .send('{"uuid":"no-such-uuid","status":"wait"}');

    expect(response.status).toBe(200);
  });

  it.each([
    ['text/plain', 'hello'],
    ['application/vnd.api+json', JSON.stringify(invoice('CT-1'))],
    [
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
    ],
    ['application/json; charset=latin1', JSON.stringify(invoice('CT-2'))],
    // What `curl -d '{…}'` sends without `-H Content-Type`.
    ['application/x-www-form-urlencoded', JSON.stringify(invoice('CT-4'))],
  ])('when a shop body comes as %s, then 415 unsupported_media_type', async (type, body) => {
    for (const url of [
      '/api/v1/invoices',
      '/api/v1/invoices/CT-1/send',
      '/api/v1/preview/invoice',
    ]) {
      const response = await request(fixture.app)
        .post(url)
        .set('Authorization', bearer)
        .set('Content-Type', type)
        .send(body);
      expect([url, response.status, response.body.error?.code]).toEqual([
        url,
        415,
        'unsupported_media_type',
      ]);
      expect(response.body.error.message).toContain('application/json');
    }
  });

  it.each(['/api/v1/invoices', '/api/v1/invoices/CT-1/send', '/api/v1/preview/invoice'])(
    'when a body to %s has no Content-Type, then 415',
    async (url) => {
      const server = fixture.app.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      const { port } = server.address() as AddressInfo;
      try {
        const status = await new Promise<number | undefined>((resolve, reject) => {
          const body = JSON.stringify(invoice('CT-3'));
          const headers = { Authorization: bearer, 'Content-Length': Buffer.byteLength(body) };
          http
            .request({ port, method: 'POST', path: url, headers }, (response) => {
              response.resume();
              resolve(response.statusCode);
            })
            .on('error', reject)
            .end(body);
        });
        expect(status).toBe(415);
      } finally {
        server.close();
      }
    },
  );

  it('when a shop body repeats a key, then 400 names its path and nothing is stored', async () => {
    const text = JSON.stringify(invoice('DUP-1')).replace('"total":3980', '"total":1,"total":3980');

    const response = await request(fixture.app)
      .post('/api/v1/invoices')
      .set('Authorization', bearer)
      .set('Content-Type', 'application/json')
      .send(text);

    expect(response.status).toBe(400);
    expect(response.body.error.fields).toEqual([{ path: 'total', message: expect.any(String) }]);
    expect(await fixture.db.knex('documents').where({ shop_id: 'DUP-1' })).toEqual([]);
  });

  it('when a send body or a list query has an unknown key, then its path is named', async () => {
    await postInvoice(fixture, 'UK-1');

    const send = await request(fixture.app)
      .post('/api/v1/invoices/UK-1/send')
      .set('Authorization', bearer)
      .send({ newId: false, colour: 'red' });
    const list = await request(fixture.app)
      .get('/api/v1/documents?shade=blue')
      .set('Authorization', bearer);

    expect(send.status).toBe(400);
    expect(send.body.error.fields).toEqual([{ path: 'colour', message: 'is not a known field' }]);
    expect(list.status).toBe(400);
    expect(list.body.error.fields).toEqual([{ path: 'shade', message: 'is not a known field' }]);
  });
});
