import request from 'supertest';
import {
  api,
  createShopApiFixture,
  invoiceBody,
  refundBody,
  type ShopApiFixture,
} from './shop-api-fixture';

describe('document list and OpenAPI', () => {
  let fx: ShopApiFixture;
  let startedAt: string;

  beforeAll(async () => {
    fx = await createShopApiFixture({ AUTO_SEND_REFUNDS: 'false' });
    startedAt = new Date(Date.now() - 1000).toISOString();
    for (const id of ['L-1', 'L-2', 'L-3']) {
      await api(fx.app).post('/api/v1/invoices').send(invoiceBody(id)).expect(201);
    }
    await api(fx.app).post('/api/v1/refunds').send(refundBody('LR-1', 'L-1')).expect(201);
    await fx.settle();
  });
  afterAll(() => fx.close());

  const ids = (body: { documents: Array<{ id: string }> }) => body.documents.map((d) => d.id);

  it('when the list is asked without filters, then every document comes newest first', async () => {
    const response = await api(fx.app).get('/api/v1/documents').expect(200);

    expect(ids(response.body)).toEqual(['LR-1', 'L-3', 'L-2', 'L-1']);
    expect(response.body.nextCursor).toBeNull();
    expect(response.body.documents[1]).toMatchObject({
      kind: 'invoice',
      status: 'done',
      total: '4180.00',
      fiscal: { fnNumber: expect.any(String) },
    });
  });

  it('when filters are given, then only matching documents come', async () => {
    const refunds = await api(fx.app).get('/api/v1/documents?kind=refund').expect(200);
    const stored = await api(fx.app).get('/api/v1/documents?status=stored').expect(200);
    const byOrder = await api(fx.app).get('/api/v1/documents?orderId=order-L-2').expect(200);
    const future = new Date(Date.now() + 60_000).toISOString();
    const inRange = await api(fx.app)
      .get(
        `/api/v1/documents?from=${encodeURIComponent(startedAt)}&to=${encodeURIComponent(future)}`,
      )
      .expect(200);
    const later = await api(fx.app)
      .get(`/api/v1/documents?from=${encodeURIComponent(future)}`)
      .expect(200);

    expect(ids(refunds.body)).toEqual(['LR-1']);
    expect(ids(stored.body)).toEqual(['LR-1']);
    expect(ids(byOrder.body)).toEqual(['L-2']);
    expect(ids(inRange.body)).toHaveLength(4);
    expect(ids(later.body)).toEqual([]);
  });

  it('when a page is smaller than the list, then the cursor leads through every document', async () => {
    const first = await api(fx.app).get('/api/v1/documents?limit=3').expect(200);
    const second = await api(fx.app)
      .get(`/api/v1/documents?limit=3&cursor=${first.body.nextCursor}`)
      .expect(200);

    expect(ids(first.body)).toEqual(['LR-1', 'L-3', 'L-2']);
    expect(ids(second.body)).toEqual(['L-1']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('when /openapi.json is asked, then it is an OpenAPI 3 document listing the routes', async () => {
    const response = await request(fx.app).get('/openapi.json').expect(200);
    const document = JSON.parse(response.text);

    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/invoices',
        '/api/v1/invoices/{id}',
        '/api/v1/invoices/{id}/send',
        '/api/v1/invoices/{id}/refresh',
        '/api/v1/refunds',
        '/api/v1/refunds/{id}',
        '/api/v1/documents',
      ]),
    );
    const invoice = document.components.schemas.Invoice;
    expect(invoice.required).toEqual(expect.arrayContaining(['id', 'items', 'total']));
    expect(invoice.properties.total.oneOf).toHaveLength(2);
    expect(document.components.schemas.Document.properties.fiscal).toBeDefined();
  });

  it('when /docs is opened, then the Swagger UI page and its local assets load', async () => {
    const page = await request(fx.app).get('/docs/').expect(200);
    const script = await request(fx.app).get('/docs/swagger-ui-bundle.js').expect(200);

    expect(page.text).toContain('swagger-ui');
    expect(page.text).not.toMatch(/https?:\/\/(cdn|unpkg)/);
    expect(script.text.length).toBeGreaterThan(100_000);
  });
});
