import {
  api,
  countRows,
  createShopApiFixture,
  invoiceBody,
  refundBody,
  type ShopApiFixture,
} from './shop-api-fixture';

// Accepting a document is one statement that writes the document, its first events and its
// first attempt, and the 201 is built from what that statement returned. These tests hold the
// 201 against a GET of the same document, and the rows against what the fiscal core expects.

type EventBody = { type: string; data: Record<string, unknown> | null };

async function postThenGet(fx: ShopApiFixture, path: string, body: object) {
  const posted = await api(fx.app).post(`/api/v1/${path}`).send(body).expect(201);
  const got = await api(fx.app)
    .get(posted.headers.location as string)
    .expect(200);
  return { posted: posted.body, got: got.body };
}

describe('accepting a document in one statement', () => {
  let fx: ShopApiFixture;

  beforeAll(async () => {
    fx = await createShopApiFixture();
  });
  afterAll(() => fx.close());

  it('when an invoice is accepted, then the 201 says exactly what a GET says', async () => {
    const line = { name: 'Чайник', price: 1000, quantity: 1, vat: 'vat20' };
    const body = invoiceBody('ONE-1', { items: [line], shipping: undefined, total: 1000 });

    const { posted, got } = await postThenGet(fx, 'invoices', body);

    expect(posted).toEqual(got);
    expect(posted.status).toBe('queued');
    const types = posted.events.map((event: EventBody) => event.type);
    expect(types[0]).toBe('accepted');
    expect(types[types.length - 1]).toBe('queued');
    expect(posted.attempts).toEqual([
      expect.objectContaining({ status: 'new', tries: 0, generation: 1, operation: 'sell' }),
    ]);
    const queued = posted.events[types.length - 1] as EventBody;
    expect(queued.data).toEqual({
      attemptId: posted.attempts[0].id,
      externalId: posted.attempts[0].externalId,
      operation: 'sell',
    });
  });

  it('when it is accepted, then its events are stored in order and its attempt is due now', async () => {
    await postThenGet(fx, 'invoices', invoiceBody('ONE-2'));

    const document = await fx.db.knex('documents').where('shop_id', 'ONE-2').first();
    const events = await fx.db.knex('events').where('document_id', document.id).orderBy('id');
    expect(events.map((event: { type: string }) => event.type)).toEqual([
      'accepted',
      'vat_remapped',
      'queued',
    ]);
    expect(events.map((event: { actor: string | null }) => event.actor)).toEqual([
      'api',
      'api',
      null,
    ]);
    const attempts = await fx.db.knex('attempts').where('document_id', document.id);
    expect(attempts).toHaveLength(1);
    const due = await fx.db.knex.raw<{ rows: Array<{ due: boolean }> }>(
      'SELECT next_try_at <= now() AS due FROM attempts WHERE id = ?',
      [attempts[0].id],
    );
    expect(due.rows[0]?.due).toBe(true);
    expect(attempts[0].request).toMatchObject({ external_id: attempts[0].external_id });
  });

  it('when a refund names a stored invoice or an unknown one, then 201 equals GET too', async () => {
    await postThenGet(fx, 'invoices', invoiceBody('ONE-3'));

    const known = await postThenGet(fx, 'refunds', refundBody('ONE-R3', 'ONE-3'));
    const unknown = await postThenGet(fx, 'refunds', refundBody('ONE-R4', 'NOWHERE'));

    expect(known.posted).toEqual(known.got);
    expect(unknown.posted).toEqual(unknown.got);
    const types = unknown.posted.events.map((event: EventBody) => event.type);
    expect(types).toEqual(['accepted', 'vat_remapped', 'invoice_not_found', 'queued']);
  });

  it('when the same invoice is posted at once many times, then one document, one attempt', async () => {
    const body = invoiceBody('ONE-5');
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => api(fx.app).post('/api/v1/invoices').send(body)),
    );

    expect(answers.map((answer) => answer.status).sort()).toEqual([
      200, 200, 200, 200, 200, 200, 200, 200, 200, 201,
    ]);
    const document = await fx.db.knex('documents').where('shop_id', 'ONE-5').first();
    expect(await fx.db.knex('attempts').where('document_id', document.id)).toHaveLength(1);
    const queued = await fx.db.knex('events').where({ document_id: document.id, type: 'queued' });
    expect(queued).toHaveLength(1);
  });
});

describe('accepting a document with auto-send off', () => {
  let fx: ShopApiFixture;

  beforeAll(async () => {
    fx = await createShopApiFixture({ AUTO_SEND_INVOICES: 'false' });
  });
  afterAll(() => fx.close());

  it('when an invoice is accepted, then it is stored without an attempt, and 201 equals GET', async () => {
    const { posted, got } = await postThenGet(fx, 'invoices', invoiceBody('OFF-1'));

    expect(posted).toEqual(got);
    expect(posted.status).toBe('stored');
    expect(posted.attempts).toEqual([]);
    expect(posted.events.map((event: EventBody) => event.type)).toEqual([
      'accepted',
      'vat_remapped',
    ]);
    expect(await countRows(fx.db, 'attempts')).toBe(0);
  });
});
