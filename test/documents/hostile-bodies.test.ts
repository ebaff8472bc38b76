import {
  api,
  countRows,
  createShopApiFixture,
  invoiceBody,
  type ShopApiFixture,
} from './shop-api-fixture';

interface HostileCase {
  name: string;
  body: unknown;
  status: number;
  /** Field paths the answer must name. */
  fields?: string[];
  code?: string;
}

/** JSON text nested `depth` objects deep (built as text: JSON.stringify would overflow). */
function nested(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

const item = invoiceBody('H').items[0]!;

const cases: HostileCase[] = [
  {
    name: 'wrong types',
    body: invoiceBody('H-1', { total: 'lots', items: [{ ...item, quantity: true, name: 42 }] }),
    status: 400,
    fields: ['total', 'items.0.quantity', 'items.0.name'],
  },
  {
    name: 'items not a list',
    body: invoiceBody('H-2', { items: 'kettle' }),
    status: 400,
    fields: ['items'],
  },
  {
    name: 'a huge string',
    body: invoiceBody('H-3', { items: [{ ...item, name: 'Ж'.repeat(100_000) }] }),
    status: 400,
    fields: ['items.0.name'],
  },
  {
    name: 'deep nesting in a known field',
    body: JSON.stringify(invoiceBody('H-4', { customer: 'DEEP' })).replace(
      '"DEEP"',
      nested(30_000),
    ),
    status: 400,
    // Refused by the app's body guard at its depth limit (32), before the schema runs.
    fields: [`customer${'.a'.repeat(31)}`],
  },
  { name: 'deep nesting at the top', body: nested(30_000), status: 400 },
  {
    name: 'arrays nested 120 000 deep',
    body: '['.repeat(120_000) + ']'.repeat(120_000),
    status: 400,
  },
  {
    name: 'unknown fields',
    body: invoiceBody('H-5', { discont: 5, items: [{ ...item, colour: 'red' }] }),
    status: 400,
    fields: ['discont', 'items.0.colour'],
  },
  {
    name: 'an SQL-looking id',
    body: invoiceBody("1'; DROP TABLE documents; --"),
    status: 400,
    fields: ['id'],
  },
  {
    name: 'an SQL-looking order id with a quote and a NUL',
    body: invoiceBody('H-6', { orderId: "1' OR '1'='1\u0000" }),
    status: 400,
    fields: ['orderId'],
  },
  {
    name: 'a lone surrogate in a name',
    body: invoiceBody('H-7', { items: [{ ...item, name: 'Чайник \ud83d' }] }),
    status: 400,
    fields: ['items.0.name'],
  },
  {
    name: 'a prototype key',
    body: JSON.parse(`{"id":"H-8","__proto__":{"admin":true}}`),
    status: 400,
    fields: ['__proto__'],
  },
  { name: 'a list instead of an object', body: [invoiceBody('H-9')], status: 400 },
  {
    name: 'money with three decimals, negative and huge numbers',
    body: invoiceBody('H-10', { total: 4180.001, prepaid: -1, items: [{ ...item, price: 1e308 }] }),
    status: 400,
    fields: ['total', 'prepaid', 'items.0.price'],
  },
  {
    name: '101 items',
    body: invoiceBody('H-11', { items: Array.from({ length: 101 }, () => item) }),
    status: 400,
    fields: ['items'],
  },
  {
    name: 'a zero total',
    body: invoiceBody('H-12', {
      items: [{ ...item, discount: 3980 }],
      shipping: undefined,
      total: 0,
    }),
    status: 422,
    fields: ['total'],
  },
  {
    name: 'a discount above its row',
    body: invoiceBody('H-13', { items: [{ ...item, discount: 5000 }] }),
    status: 422,
    fields: ['items.0.discount'],
  },
];

describe('hostile and malformed bodies', () => {
  let fx: ShopApiFixture;

  beforeAll(async () => {
    fx = await createShopApiFixture();
  });
  afterAll(() => fx.close());

  it.each(cases)('when the body has $name, then $status naming the problem', async (test) => {
    const response = await api(fx.app)
      .post('/api/v1/invoices')
      .set('Content-Type', 'application/json')
      .send(typeof test.body === 'string' ? test.body : JSON.stringify(test.body));

    expect(response.status).toBe(test.status);
    expect(response.body.error.message).toEqual(expect.any(String));
    const paths = (response.body.error.fields ?? []).map((field: { path: string }) => field.path);
    for (const path of test.fields ?? []) expect(paths).toContain(path);
    expect(await countRows(fx.db, 'documents')).toBe(0);
  });

  it('when the body is 10 MB, then 413 and nothing is stored', async () => {
    const body = invoiceBody('BIG', { orderId: 'x'.repeat(10 * 1024 * 1024) });

    const response = await api(fx.app).post('/api/v1/invoices').send(body).expect(413);

    expect(response.body.error.code).toBe('payload_too_large');
    expect(await countRows(fx.db, 'documents')).toBe(0);
  });

  it('when the body is not valid UTF-8, then 400 and nothing is stored', async () => {
    const text = JSON.stringify(invoiceBody('UTF-1', { orderId: 'XX' }));
    const bytes = Buffer.from(text, 'utf8');
    const at = bytes.indexOf('XX');
    bytes[at] = 0xc3; // a lead byte followed by an ASCII byte: an invalid sequence
    bytes[at + 1] = 0x28;

    const response = await api(fx.app)
      .post('/api/v1/invoices')
      .set('Content-Type', 'application/json')
      .serialize((value: unknown) => value as string)
      .send(bytes as unknown as string)
      .expect(400);

    expect(response.body.error).toMatchObject({
      code: 'invalid_utf8',
      message: expect.stringMatching(/UTF-8/),
    });
    expect(await countRows(fx.db, 'documents')).toBe(0);
  });

  it('when the body is broken JSON or not JSON at all, then 400 or 415', async () => {
    const broken = await api(fx.app)
      .post('/api/v1/invoices')
      .set('Content-Type', 'application/json')
      .send('{"id": "J-1", "total": ')
      .expect(400);
    const text = await api(fx.app)
      .post('/api/v1/invoices')
      .set('Content-Type', 'text/plain')
      .send('id=J-2')
      .expect(415);

    expect(broken.body.error.code).toBe('malformed_json');
    expect(text.body.error.code).toBe('unsupported_media_type');
    expect(await countRows(fx.db, 'documents')).toBe(0);
  });

  it('when a name looks like SQL, then it is stored as plain text and the tables are intact', async () => {
    const name = "Robert'); DROP TABLE documents; --";
    const body = invoiceBody('SQL-1', { items: [{ ...item, name }] });

    const response = await api(fx.app).post('/api/v1/invoices').send(body).expect(201);

    expect(response.body.receipt.lines[0].name).toBe(name);
    expect(await countRows(fx.db, 'documents')).toBe(1);
  });

  it('when the list query is hostile, then 400 names the parameter', async () => {
    const response = await api(fx.app)
      .get("/api/v1/documents?status=done'--&limit=100000&cursor=-1&extra=1")
      .expect(400);

    const paths = response.body.error.fields.map((field: { path: string }) => field.path);
    expect(paths).toEqual(expect.arrayContaining(['status', 'limit', 'cursor', 'extra']));
  });
});
