import request from 'supertest';
import {
  CALLBACK_SECRET,
  createStatusHarness,
  doneCallbackBody,
  type StatusHarness,
} from './status-harness';

const CALLBACK_PATH = `/kkm/callback/${CALLBACK_SECRET}`;

async function count(h: StatusHarness, table: string): Promise<number> {
  const row = await h.db.knex(table).count({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

async function snapshot(h: StatusHarness) {
  const tables = ['documents', 'transactions', 'events', 'callbacks', 'attempts'];
  const counts = await Promise.all(tables.map((table) => count(h, table)));
  const statuses = await h.db.knex('transactions').select('uuid', 'status').orderBy('id');
  return { counts, statuses };
}

/** A document registered at the emulator, its callback lost, still `wait` at ATOL. */
async function waitingDocument(h: StatusHarness, shopId: string) {
  h.emulator.addFaults([{ kind: 'lostCallback', times: 1 }]);
  const id = await h.postInvoice(shopId);
  await h.waitFor('the transaction', async () => (await h.transactions(id)).length === 1);
  const [transaction] = await h.transactions(id);
  return { id, uuid: String(transaction!.uuid), externalId: String(transaction!.external_id) };
}

describe.each(['verify', 'trust'] as const)('ATOL callbacks, CALLBACK_TRUST=%s', (trust) => {
  let h: StatusHarness;

  beforeAll(async () => {
    // No poller: every change in these tests comes from a callback.
    h = await createStatusHarness({ env: { CALLBACK_TRUST: trust, SCHEDULE_POLLER: 'off' } });
  });
  afterAll(() => h.close());

  it('when an invoice is registered, then the callback makes it done', async () => {
    const id = await h.postInvoice(`cb-${trust}-1`);

    await h.waitFor('done', async () => (await h.documentStatus(id)) === 'done');

    const [transaction] = await h.transactions(id);
    expect(transaction).toMatchObject({ status: 'done', result_source: 'callback' });
    expect(transaction!.payload).toMatchObject({ fiscal_document_number: expect.any(Number) });
    const stored = await h.db.knex('callbacks').where({ uuid: transaction!.uuid });
    expect(stored).toHaveLength(1);
    expect(stored[0].processed_at).toBeInstanceOf(Date);
  });

  it('when the callback comes before the register answer, then it is applied once recorded', async () => {
    h.emulator.addFaults([{ kind: 'earlyCallback', times: 1 }]);

    const id = await h.postInvoice(`cb-${trust}-early`);

    await h.waitFor('done', async () => (await h.documentStatus(id)) === 'done');
    const [transaction] = await h.transactions(id);
    expect(transaction).toMatchObject({ status: 'done', result_source: 'callback' });
    const callbacks = await h.db.knex('callbacks').where({ uuid: transaction!.uuid });
    expect(callbacks).toHaveLength(1);
    // It really came first: stored before the transaction it belongs to existed.
    expect(callbacks[0].received_at.getTime()).toBeLessThan(
      (transaction!.created_at as Date).getTime(),
    );
  });

  it('when ATOL sends the callback three times, then the state changes once', async () => {
    h.emulator.addFaults([{ kind: 'duplicateCallback', copies: 3, times: 1 }]);

    const id = await h.postInvoice(`cb-${trust}-dup`);

    await h.waitFor('done', async () => (await h.documentStatus(id)) === 'done');
    const [transaction] = await h.transactions(id);
    await h.waitFor('three processed callbacks', async () => {
      const rows = await h.db.knex('callbacks').where({ uuid: transaction!.uuid });
      return rows.length === 3 && rows.every((row) => row.processed_at !== null);
    });
    const events = await h.eventTypes(id);
    expect(events.filter((type) => type === 'done')).toHaveLength(1);
  });

  it('when a wait or fail callback comes after done, then the transaction stays done', async () => {
    const id = await h.postInvoice(`cb-${trust}-late`);
    await h.waitFor('done', async () => (await h.documentStatus(id)) === 'done');
    const [done] = await h.transactions(id);
    const uuid = String(done!.uuid);
    const reportsBefore = h.emulator.snapshot().totals.reportRequests;
    const late = { uuid, error: null, payload: null, external_id: done!.external_id };
    const failure = { error_id: 'e-1', code: 68, text: 'Смена превысила 24 часа', type: 'driver' };

    await request(h.url)
      .post(CALLBACK_PATH)
      .send({ ...late, status: 'wait' })
      .expect(200);
    await request(h.url)
      .post(CALLBACK_PATH)
      .send({ ...late, status: 'fail', error: failure })
      .expect(200);

    await h.waitFor('the late callbacks handled', async () => {
      const rows = await h.db.knex('callbacks').where({ uuid }).whereNull('processed_at');
      return rows.length === 0;
    });
    const [after] = await h.transactions(id);
    expect(after).toMatchObject({ status: 'done', payload: done!.payload });
    expect(await h.documentStatus(id)).toBe('done');
    expect((await h.eventTypes(id)).filter((type) => type === 'done')).toHaveLength(1);
    // A final transaction needs no more report calls, even in verify mode.
    expect(h.emulator.snapshot().totals.reportRequests).toBe(reportsBefore);
  });

  it('when the secret is wrong, then the answer is 404 and nothing changes', async () => {
    const { uuid, externalId } = await waitingDocument(h, `cb-${trust}-wrong`);
    const body = doneCallbackBody(uuid, externalId, h.config.atol.groupCode);
    const before = await snapshot(h);

    const wrong = await request(h.url).post('/kkm/callback/not-the-secret').send(body);
    const unknown = await request(h.url).post('/kkm/nothing-here').send(body);

    expect(wrong.status).toBe(404);
    expect(wrong.body.error).toEqual({
      code: unknown.body.error.code,
      message: expect.stringContaining('No route for POST'),
    });
    expect(await snapshot(h)).toEqual(before);
  });

  it('when GET or HEAD comes to the callback URL, then 200 and nothing changes', async () => {
    await waitingDocument(h, `cb-${trust}-get`);
    const before = await snapshot(h);

    await request(h.url).get(CALLBACK_PATH).expect(200);
    await request(h.url).head(CALLBACK_PATH).expect(200);

    expect(await snapshot(h)).toEqual(before);
  });

  it('when the body is not a report, then 400 and nothing is stored', async () => {
    const before = await snapshot(h);

    const response = await request(h.url).post(CALLBACK_PATH).send({ uuid: 'x', status: 'maybe' });

    expect(response.status).toBe(400);
    expect(response.body.error.fields).toEqual([expect.objectContaining({ path: 'status' })]);
    expect(await snapshot(h)).toEqual(before);
  });

  it('when a callback names another external id, then it does not finish the transaction', async () => {
    const { id, uuid } = await waitingDocument(h, `cb-${trust}-forged`);

    await request(h.url)
      .post(CALLBACK_PATH)
      .send(doneCallbackBody(uuid, 'someone-else', h.config.atol.groupCode))
      .expect(200);

    await h.waitFor('the callback handled', async () => {
      const row = await h.db.knex('callbacks').where({ uuid }).first();
      return row?.processed_at != null;
    });
    const [transaction] = await h.transactions(id);
    // verify: ATOL is asked and its answer is used whatever the body said.
    expect(transaction!.status).toBe(trust === 'verify' ? 'done' : 'wait');
  });
});

describe('ATOL callbacks, CALLBACK_TRUST=verify (the default)', () => {
  let h: StatusHarness;

  beforeAll(async () => {
    // The emulator keeps documents waiting, so only a callback could make them done.
    h = await createStatusHarness({
      env: { SCHEDULE_POLLER: 'off' },
      emulator: { processingDelayMs: 60_000 },
    });
  });
  afterAll(() => h.close());

  it('when a forged done callback comes while ATOL still waits, then the document stays wait', async () => {
    expect(h.config.callbackTrust).toBe('verify');
    const id = await h.postInvoice('cb-verify-forged');
    await h.waitFor('the transaction', async () => (await h.transactions(id)).length === 1);
    const [transaction] = await h.transactions(id);
    const reportsBefore = h.emulator.snapshot().totals.reportRequests;

    await request(h.url)
      .post(CALLBACK_PATH)
      .send(
        doneCallbackBody(
          String(transaction!.uuid),
          String(transaction!.external_id),
          h.config.atol.groupCode,
        ),
      )
      .expect(200);

    await h.waitFor('one report call', async () => {
      return h.emulator.snapshot().totals.reportRequests === reportsBefore + 1;
    });
    await h.waitFor('the callback handled', async () => {
      const row = await h.db.knex('callbacks').where({ uuid: transaction!.uuid }).first();
      return row?.processed_at != null;
    });
    expect(await h.documentStatus(id)).toBe('wait');
  });
});
