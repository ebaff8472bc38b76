import { ConflictError, NotFoundError } from '../../src/errors/errors';
import {
  attemptRows,
  documentStatus,
  insertDocument,
  queueDocument,
  secondsUntil,
  type FiscalFixture,
} from './fiscal-fixture';
import { useFiscalFixture } from './fiscal-harness';
import { registered, rejected, reportDone, reportFail } from './fiscal-fakes';

describe('fiscal service: manual send and refresh', () => {
  let fixture: FiscalFixture;
  useFiscalFixture({}, (created) => (fixture = created));

  async function sendDue(): Promise<void> {
    for (const claim of await fixture.service.claimDue(10)) {
      await fixture.service.sendClaimed(claim);
    }
  }

  async function registeredDocument(uuid: string) {
    const queued = await queueDocument(fixture);
    fixture.client.answerRegister(registered(uuid));
    await sendDue();
    return queued;
  }

  it('when a stored document is sent, then its first attempt is queued and the actor is in its history', async () => {
    const document = await insertDocument(fixture.knex, 'refund');

    const result = await fixture.service.sendDocument(document.id, { actor: 'admin:alice' });

    expect(result.action).toBe('queued');
    const [attempt] = await attemptRows(fixture.knex, document.id);
    expect(attempt).toMatchObject({
      id: result.attemptId,
      operation: 'sell_refund',
      status: 'new',
    });
    expect(await documentStatus(fixture.knex, document.id)).toBe('queued');
    const event = await fixture
      .knex('events')
      .where({ document_id: document.id, type: 'manual_send' });
    expect(event[0].actor).toBe('admin:alice');
  });

  it('when a never-sent document is sent with newId, then it is refused', async () => {
    const document = await insertDocument(fixture.knex);

    await expect(
      fixture.service.sendDocument(document.id, { actor: 'cli', newId: true }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await attemptRows(fixture.knex, document.id)).toHaveLength(0);
  });

  it('when the last transaction waits or is done, then a send is refused with or without newId', async () => {
    const { document } = await registeredDocument('uuid-w');

    for (const newId of [false, true]) {
      await expect(
        fixture.service.sendDocument(document.id, { actor: 'api', newId }),
      ).rejects.toThrow(/waits for its result/);
    }
    await fixture.service.applyReport('uuid-w', reportDone('uuid-w'), 'poll');
    await expect(fixture.service.sendDocument(document.id, { actor: 'api' })).rejects.toThrow(
      /done/,
    );
    expect(await attemptRows(fixture.knex, document.id)).toHaveLength(1);
  });

  it('when the last transaction failed with a data error, then only a send with newId takes the next generation', async () => {
    const { document, attempt } = await registeredDocument('uuid-f');
    await fixture.service.applyReport('uuid-f', reportFail('uuid-f', 'data'), 'poll');

    await expect(fixture.service.sendDocument(document.id, { actor: 'api' })).rejects.toThrow(
      /newId/,
    );
    const result = await fixture.service.sendDocument(document.id, { actor: 'api', newId: true });

    expect(result.action).toBe('new_generation');
    const rows = await attemptRows(fixture.knex, document.id);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ generation: 2, operation: attempt.operation, status: 'new' });
    expect(rows[1].external_id).toMatch(/r2$/);
    expect(await documentStatus(fixture.knex, document.id)).toBe('queued');
  });

  it('when ATOL rejected the attempt, then a send retries the same external id with a rebuilt body', async () => {
    const { document, attempt } = await queueDocument(fixture, 'refund');
    fixture.client.answerRegister(rejected(32));
    await sendDue();
    fixture.factory.version = 'v2-fixed-settings';

    await expect(
      fixture.service.sendDocument(document.id, { actor: 'api', newId: true }),
    ).rejects.toThrow(/only after ATOL failed/);
    const result = await fixture.service.sendDocument(document.id, { actor: 'api' });

    expect(result).toMatchObject({ action: 'requeued', attemptId: attempt.id });
    const rows = await attemptRows(fixture.knex, document.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'new', tries: 0, operation: 'sell_refund' });
    expect(rows[0].external_id).toBe(attempt.externalId);
    expect(rows[0].request).toMatchObject({
      external_id: attempt.externalId,
      built: 'v2-fixed-settings',
    });
    expect(await documentStatus(fixture.knex, document.id)).toBe('queued');
  });

  it('when an attempt waits for its retry, then a send moves it to now and makes no new attempt', async () => {
    const { document } = await queueDocument(fixture);
    await fixture
      .knex('attempts')
      .update({ next_try_at: fixture.knex.raw("now() + interval '1 hour'") });

    const result = await fixture.service.sendDocument(document.id, { actor: 'api' });

    expect(result.action).toBe('expedited');
    const [row] = await attemptRows(fixture.knex, document.id);
    expect(await secondsUntil(fixture.knex, row.next_try_at)).toBeLessThanOrEqual(0);
  });

  it('when an attempt is being sent, then a send reports it in flight and changes nothing', async () => {
    const { document } = await queueDocument(fixture);
    await fixture.service.claimDue(10);

    const result = await fixture.service.sendDocument(document.id, { actor: 'api', sendNow: true });

    expect(result.action).toBe('in_flight');
    expect(result.sent).toBeUndefined();
    expect(fixture.client.registerCalls).toHaveLength(0);
  });

  it('when a send is asked to go now, then it is registered before the call returns', async () => {
    const document = await insertDocument(fixture.knex);
    fixture.client.answerRegister(registered('uuid-now'));

    const result = await fixture.service.sendDocument(document.id, { actor: 'cli', sendNow: true });

    expect(result.sent).toMatchObject({ claimed: true, status: 'sent' });
    expect(await documentStatus(fixture.knex, document.id)).toBe('wait');
  });

  it('when a missing document is sent or refreshed, then it is not found', async () => {
    await expect(fixture.service.sendDocument(999999, { actor: 'api' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(fixture.service.refreshDocument(999999, 'api')).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('when a document is refreshed, then one report is asked for and applied as manual', async () => {
    const { document } = await registeredDocument('uuid-r');
    fixture.client.answerReport(reportDone('uuid-r'));

    const result = await fixture.service.refreshDocument(document.id, 'admin:bob');

    expect(result).toEqual({ uuid: 'uuid-r', outcome: 'done', changed: true, status: 'done' });
    expect(fixture.client.reportCalls).toEqual(['uuid-r']);
    const transaction = await fixture.knex('transactions').where({ uuid: 'uuid-r' }).first();
    expect(transaction.result_source).toBe('manual');
    const events = await fixture
      .knex('events')
      .where({ document_id: document.id, type: 'manual_refresh' });
    expect(events[0].actor).toBe('admin:bob');
  });

  it('when a document has no transaction yet, then a refresh is refused', async () => {
    const { document } = await queueDocument(fixture);

    await expect(fixture.service.refreshDocument(document.id, 'api')).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  it('when a transaction is refreshed by the poller and ATOL still waits, then nothing changes', async () => {
    await registeredDocument('uuid-p');

    const result = await fixture.service.refreshTransaction('uuid-p');

    expect(result).toEqual({ uuid: 'uuid-p', outcome: 'wait', changed: false, status: 'wait' });
  });
});
