import {
  attemptRows,
  documentStatus,
  eventTypes,
  makeAllDue,
  queueDocument,
  secondsUntil,
  type FiscalFixture,
} from './fiscal-fixture';
import { useFiscalFixture } from './fiscal-harness';
import { duplicate, registered, rejected, unavailable } from './fiscal-fakes';

describe('fiscal service: sending an attempt and recording the answer', () => {
  let fixture: FiscalFixture;
  useFiscalFixture({ maxTries: 3 }, (created) => (fixture = created));

  async function sendDue(): Promise<number> {
    const claims = await fixture.service.claimDue(10);
    for (const claim of claims) await fixture.service.sendClaimed(claim);
    return claims.length;
  }

  it('when a document is queued, then its first attempt is new, due now, built from its receipt', async () => {
    const { document, attempt } = await queueDocument(fixture, 'refund');

    expect(attempt.status).toBe('new');
    expect(attempt.operation).toBe('sell_refund');
    expect(attempt.generation).toBe(1);
    expect(await secondsUntil(fixture.knex, attempt.nextTryAt!)).toBeLessThanOrEqual(0);
    expect(attempt.request).toMatchObject({
      external_id: attempt.externalId,
      operation: 'sell_refund',
      receipt: document.receipt,
      callback_url: 'http://127.0.0.1:3000/kkm/callback/test-secret',
      timestamp: document.documentDate.toISOString(),
    });
    expect(await documentStatus(fixture.knex, document.id)).toBe('queued');
    expect(await eventTypes(fixture.knex, document.id)).toEqual(['queued']);
  });

  it('when an attempt is claimed, then it is committed as sending before ATOL is called', async () => {
    const { attempt } = await queueDocument(fixture);
    const seen: string[] = [];
    fixture.client.duringRegister = async () => {
      const row = await fixture.knex('attempts').where({ id: attempt.id }).first();
      seen.push(`${row.status}/${row.locked_by}/${row.tries}`);
    };

    await sendDue();

    expect(seen).toEqual(['sending/worker-a/1']);
    expect(fixture.client.registerCalls[0]!.ctx).toEqual({
      documentId: attempt.documentId,
      attemptId: attempt.id,
    });
  });

  it('when ATOL registers the receipt, then the attempt is sent, a wait transaction exists and a poll is scheduled', async () => {
    const { document, attempt } = await queueDocument(fixture);
    fixture.client.answerRegister(registered('uuid-1'));

    expect(await sendDue()).toBe(1);

    const [row] = await attemptRows(fixture.knex, document.id);
    expect(row).toMatchObject({ status: 'sent', http_status: 200, locked_by: null, tries: 1 });
    const transaction = await fixture.knex('transactions').where({ uuid: 'uuid-1' }).first();
    expect(transaction).toMatchObject({
      status: 'wait',
      attempt_id: attempt.id,
      external_id: attempt.externalId,
      operation: 'sell',
    });
    const untilPoll = await secondsUntil(fixture.knex, transaction.next_poll_at);
    expect(untilPoll).toBeGreaterThan(3);
    expect(untilPoll).toBeLessThanOrEqual(5);
    expect(await documentStatus(fixture.knex, document.id)).toBe('wait');
    expect(await eventTypes(fixture.knex, document.id)).toEqual([
      'queued',
      'sending',
      'registered',
    ]);
  });

  it('when ATOL answers 33, then the uuid of the first registration is adopted', async () => {
    const { document } = await queueDocument(fixture);
    fixture.client.answerRegister(duplicate('uuid-first'));

    await sendDue();

    const transaction = await fixture.knex('transactions').where({ document_id: document.id });
    expect(transaction).toHaveLength(1);
    expect(transaction[0].uuid).toBe('uuid-first');
    expect(await documentStatus(fixture.knex, document.id)).toBe('wait');
    expect(await eventTypes(fixture.knex, document.id)).toContain('duplicate_adopted');
  });

  it('when ATOL rejects the receipt (32), then the document fails with the fields and is not retried', async () => {
    const { document } = await queueDocument(fixture);
    fixture.client.answerRegister(rejected(32, ['receipt.items.0.price']));

    await sendDue();
    await makeAllDue(fixture.knex);

    expect(await sendDue()).toBe(0);
    expect(fixture.client.registerCalls).toHaveLength(1);
    const [row] = await attemptRows(fixture.knex, document.id);
    expect(row.status).toBe('error');
    expect(row.error).toMatchObject({ code: 32, fields: ['receipt.items.0.price'] });
    expect(await documentStatus(fixture.knex, document.id)).toBe('failed');
    const event = await fixture
      .knex('events')
      .where({ document_id: document.id, type: 'rejected' });
    expect(event[0].data).toMatchObject({ code: 32, fields: ['receipt.items.0.price'] });
    expect(fixture.finals).toEqual([
      expect.objectContaining({ documentId: document.id, status: 'failed' }),
    ]);
  });

  it('when ATOL is unavailable, then the attempt is rescheduled by the retry schedule with the same external id', async () => {
    const { document, attempt } = await queueDocument(fixture);
    fixture.client.answerRegister(unavailable('timeout'), unavailable('HTTP 502'));

    await sendDue();
    let [row] = await attemptRows(fixture.knex, document.id);
    expect(row).toMatchObject({ status: 'new', tries: 1, locked_by: null });
    expect(await secondsUntil(fixture.knex, row.next_try_at)).toBeGreaterThan(55);
    expect(await sendDue()).toBe(0);

    await makeAllDue(fixture.knex);
    await sendDue();
    [row] = await attemptRows(fixture.knex, document.id);
    expect(row).toMatchObject({ status: 'new', tries: 2 });
    expect(await secondsUntil(fixture.knex, row.next_try_at)).toBeGreaterThan(295);

    const sentIds = fixture.client.registerCalls.map((call) => call.body.external_id);
    expect(sentIds).toEqual([attempt.externalId, attempt.externalId]);
    expect(await documentStatus(fixture.knex, document.id)).toBe('queued');
    expect(await eventTypes(fixture.knex, document.id)).toContain('retry_scheduled');
  });

  it('when ATOL stays unavailable for max tries, then the document fails with the reason in its events', async () => {
    const { document } = await queueDocument(fixture);
    fixture.client.defaultRegister = unavailable('connect ECONNREFUSED');

    for (let i = 0; i < 5; i += 1) {
      await makeAllDue(fixture.knex);
      await sendDue();
    }

    expect(fixture.client.registerCalls).toHaveLength(3);
    const [row] = await attemptRows(fixture.knex, document.id);
    expect(row).toMatchObject({ status: 'error', tries: 3 });
    expect(await documentStatus(fixture.knex, document.id)).toBe('failed');
    const failed = await fixture.knex('events').where({ document_id: document.id, type: 'failed' });
    expect(failed[0].message).toContain('ECONNREFUSED');
    expect(fixture.finals.map((notice) => notice.status)).toEqual(['failed']);
  });

  it('when the client throws, then the send counts as unavailable and is retried later', async () => {
    const { document } = await queueDocument(fixture);
    fixture.client.answerRegister(() => {
      throw new Error('socket hang up');
    });

    await sendDue();

    const [row] = await attemptRows(fixture.knex, document.id);
    expect(row).toMatchObject({ status: 'new', tries: 1 });
    expect(row.error).toMatchObject({ reason: 'socket hang up' });
  });
});
