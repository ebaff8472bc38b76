import request from 'supertest';
import { loadConfig } from '../../src/config';
import type { Database } from '../../src/db/database';
import { createApp, requireApiKey } from '../../src/http';
import { createSilentLogger } from '../../src/logger';
import { buildPreviewService, buildServer, createContext, type AppContext } from '../../src/main';
import { createPreviewRouter } from '../../src/receipt/preview-routes';
import { createTestDatabase } from '../helpers/test-database';

// POST /api/v1/preview/invoice|refund (shop-api.md "Preview") through the HTTP app, with the
// same parts src/main.ts mounts, and once through the composed server itself.

const KEY = 'preview-test-key-0123456789';
const config = loadConfig({ NODE_ENV: 'test', SHOP_API_KEYS: KEY });
const auth = { Authorization: `Bearer ${KEY}` };

const invoice = {
  id: 'S-1003',
  createdAt: '2025-06-10T12:00:00+03:00',
  customer: { email: 'buyer@example.org' },
  items: [
    { name: 'Куртка', price: 700, quantity: 1, vat: 'vat20' },
    { name: 'Шапка', price: 150, quantity: 2, vat: 'vat20' },
  ],
  total: 850,
};

function previewApp() {
  return createApp({
    config,
    logger: createSilentLogger(),
    routes: [
      {
        path: '/api/v1',
        router: createPreviewRouter({
          preview: buildPreviewService(config),
          authenticate: requireApiKey(config.shopApiKeys),
        }),
      },
    ],
    ready: async () => ({ ok: true, checks: {} }),
  });
}

describe('preview routes', () => {
  const app = previewApp();

  it('when an invoice is previewed, then it answers operation, version and ATOL body', async () => {
    const response = await request(app).post('/api/v1/preview/invoice').set(auth).send(invoice);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ operation: 'sell', apiVersion: 4, testCompany: true });
    expect(response.body.request).toMatchObject({
      timestamp: '10.06.2025 12:00:00',
      external_id: 'default.sell.S-1003',
      receipt: {
        items: [
          { name: 'Куртка', price: 595, quantity: 1, sum: 595 },
          { name: 'Шапка', price: 127.5, quantity: 2, sum: 255 },
        ],
        payments: [{ type: 1, sum: 850 }],
        total: 850,
      },
    });
    expect(response.body.request.service.callback_url).toMatch(/\/kkm\/callback\/\*\*\*$/);
  });

  it('when a refund is previewed, then the operation is sell_refund', async () => {
    const response = await request(app)
      .post('/api/v1/preview/refund')
      .set(auth)
      .send({ ...invoice, id: 'R-1', invoiceId: 'S-1003' });

    expect(response.status).toBe(200);
    expect(response.body.operation).toBe('sell_refund');
    expect(response.body.request.external_id).toBe('default.refund.R-1');
  });

  it('when the body is malformed, then 400 names every field', async () => {
    const response = await request(app)
      .post('/api/v1/preview/invoice')
      .set(auth)
      .send({ ...invoice, items: [{ name: 'x', price: 10.005, quantity: 0 }] });

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(response.body.error.fields).toEqual([
      { path: 'items.0.price', message: 'an amount has more than 2 decimals' },
      { path: 'items.0.quantity', message: 'a quantity must be greater than 0' },
    ]);
  });

  it('when the body is well formed but impossible, then 422 names the field', async () => {
    const response = await request(app)
      .post('/api/v1/preview/invoice')
      .set(auth)
      .send({ ...invoice, items: [{ name: 'Лампа', price: 1180, quantity: 1, vat: 'vat18' }] });

    expect(response.status).toBe(422);
    expect(response.body.error.fields).toEqual([
      { path: 'items.0.vat', message: 'vat18 is no longer accepted since 2019' },
    ]);
  });

  it('when a field is unknown, then the preview refuses it as the shop API does', async () => {
    const response = await request(app)
      .post('/api/v1/preview/invoice')
      .set(auth)
      .send({ ...invoice, discont: 5 });

    expect(response.status).toBe(400);
    expect(response.body.error.fields).toEqual([
      { path: 'discont', message: 'is not a known field' },
    ]);
  });

  it('when no API key is sent, then 401 and nothing is built', async () => {
    const response = await request(app).post('/api/v1/preview/invoice').send(invoice);

    expect(response.status).toBe(401);
  });
});

describe('preview in the composed server', () => {
  let db: Database;
  let context: AppContext;

  beforeAll(async () => {
    db = await createTestDatabase();
    context = await createContext(config, createSilentLogger(), { db });
  });
  afterAll(async () => {
    await context.close();
    await db.close();
  });

  it('when src/main.ts builds the server, then preview is mounted behind the API key', async () => {
    const { app } = buildServer(context, () => false);

    const response = await request(app).post('/api/v1/preview/invoice').set(auth).send(invoice);
    const anonymous = await request(app).post('/api/v1/preview/invoice').send(invoice);

    expect(response.status).toBe(200);
    expect(response.body.request.receipt.total).toBe(850);
    expect(anonymous.status).toBe(401);
  });
});
