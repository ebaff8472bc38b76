import {
  attemptRows,
  documentStatus,
  eventTypes,
  queueDocument,
  secondsUntil,
  type FiscalFixture,
} from './fiscal-fixture';
import { useFiscalFixture } from './fiscal-harness';
import { PAYLOAD, registered, reportDone, reportFail } from './fiscal-fakes';

describe('fiscal service: applying reports and callbacks', () => {
  let fixture: FiscalFixture;
  useFiscalFixture({ maxTries: 3 }, (created) => (fixture = created));

  /** A document registered at ATOL under `uuid`, waiting for its result. */
  async function registeredDocument(uuid: string, kind: 'invoice' | 'refund' = 'invoice') {
    const queued = await queueDocument(fixture, kind);
    fixture.client.answerRegister(registered(uuid));
    const [claim] = await fixture.service.claimDue(1);
    await fixture.service.sendClaimed(claim!);
    return queued;
  }

  it('when the same done report arrives twice, then the state changes once and onFinal runs once', async () => {
    const { document } = await registeredDocument('uuid-1');

    const first = await fixture.service.applyReport('uuid-1', reportDone('uuid-1'), 'callback');
    const second = await fixture.service.applyReport('uuid-1', reportDone('uuid-1'), 'poll');

    expect(first).toEqual({ changed: true, status: 'done' });
    expect(second).toEqual({ changed: false, status: 'done' });
    const transaction = await fixture.knex('transactions').where({ uuid: 'uuid-1' }).first();
    expect(transaction).toMatchObject({
      status: 'done',
      result_source: 'callback',
      payload: PAYLOAD,
    });
    expect(transaction.finished_at).toBeInstanceOf(Date);
    expect(await documentStatus(fixture.knex, document.id)).toBe('done');
    const types = await eventTypes(fixture.knex, document.id);
    expect(types.filter((type) => type === 'done')).toHaveLength(1);
    expect(fixture.finals).toEqual([
      { documentId: document.id, companyKey: 'default', status: 'done' },
    ]);
  });

  it('when a wait report comes after done, then done stays', async () => {
    const { document } = await registeredDocument('uuid-2');
    await fixture.service.applyReport('uuid-2', reportDone('uuid-2'), 'callback');

    const late = await fixture.service.applyReport(
      'uuid-2',
      { kind: 'wait', durationMs: 1 },
      'poll',
    );
    const fail = await fixture.service.applyReport(
      'uuid-2',
      reportFail('uuid-2', 'register'),
      'poll',
    );

    expect(late).toEqual({ changed: false, status: 'done' });
    expect(fail).toEqual({ changed: false, status: 'done' });
    expect(await documentStatus(fixture.knex, document.id)).toBe('done');
    expect(await attemptRows(fixture.knex, document.id)).toHaveLength(1);
  });

  it('when a report names an unknown uuid or is not a document state, then nothing changes', async () => {
    const { document } = await registeredDocument('uuid-3');

    expect(await fixture.service.applyReport('nope', reportDone('nope'), 'callback')).toEqual({
      changed: false,
    });
    const unavailable = { kind: 'unavailable' as const, reason: 'HTTP 502', durationMs: 1 };
    expect(await fixture.service.applyReport('uuid-3', unavailable, 'poll')).toEqual({
      changed: false,
      status: 'wait',
    });
    expect(await documentStatus(fixture.knex, document.id)).toBe('wait');
  });

  it('when ATOL fails a refund with a register fault, then it is resent as the next generation with the same operation', async () => {
    const { document, attempt } = await registeredDocument('uuid-4', 'refund');

    const result = await fixture.service.applyReport(
      'uuid-4',
      reportFail('uuid-4', 'register'),
      'poll',
    );

    expect(result).toMatchObject({ changed: true, status: 'fail' });
    const [first, second] = await attemptRows(fixture.knex, document.id);
    expect(first.external_id).toBe(attempt.externalId);
    expect(second).toMatchObject({ generation: 2, operation: 'sell_refund', status: 'new' });
    expect(second.id).toBe(result.resentAttemptId);
    expect(second.external_id).not.toBe(attempt.externalId);
    expect(second.external_id).toMatch(/r2$/);
    expect(second.request).toMatchObject({
      external_id: second.external_id,
      operation: 'sell_refund',
    });
    expect(await secondsUntil(fixture.knex, second.next_try_at)).toBeGreaterThan(55);
    expect(await documentStatus(fixture.knex, document.id)).toBe('queued');
    const transaction = await fixture.knex('transactions').where({ uuid: 'uuid-4' }).first();
    expect(transaction).toMatchObject({ status: 'fail', error_class: 'register' });
    expect(await eventTypes(fixture.knex, document.id)).toContain('resent');
    expect(fixture.finals).toEqual([]);
  });

  it('when the resent generation is registered and done, then the document is done with two transactions', async () => {
    const { document } = await registeredDocument('uuid-5');
    await fixture.service.applyReport('uuid-5', reportFail('uuid-5', 'timeout'), 'callback');
    await fixture
      .knex('attempts')
      .where('status', 'new')
      .update({ next_try_at: fixture.knex.fn.now() });
    fixture.client.answerRegister(registered('uuid-5b'));
    const [claim] = await fixture.service.claimDue(1);
    await fixture.service.sendClaimed(claim!);
    await fixture.service.applyReport('uuid-5b', reportDone('uuid-5b'), 'callback');

    const transactions = await fixture
      .knex('transactions')
      .where({ document_id: document.id })
      .orderBy('id');
    expect(transactions.map((row: { status: string }) => row.status)).toEqual(['fail', 'done']);
    expect(await documentStatus(fixture.knex, document.id)).toBe('done');
  });

  it('when ATOL fails a receipt with a data error, then the document fails and nothing is resent', async () => {
    const { document } = await registeredDocument('uuid-6');

    const result = await fixture.service.applyReport(
      'uuid-6',
      reportFail('uuid-6', 'data'),
      'poll',
    );

    expect(result).toEqual({ changed: true, status: 'fail' });
    expect(await attemptRows(fixture.knex, document.id)).toHaveLength(1);
    expect(await documentStatus(fixture.knex, document.id)).toBe('failed');
    expect(fixture.finals).toEqual([expect.objectContaining({ status: 'failed' })]);
  });

  it('when register faults repeat up to max tries generations, then the document fails', async () => {
    const { document } = await registeredDocument('g1');
    for (const uuid of ['g1', 'g2', 'g3']) {
      await fixture.service.applyReport(uuid, reportFail(uuid, 'register'), 'poll');
      await fixture
        .knex('attempts')
        .where('status', 'new')
        .update({ next_try_at: fixture.knex.fn.now() });
      const next = uuid === 'g1' ? 'g2' : 'g3';
      fixture.client.answerRegister(registered(next));
      const [claim] = await fixture.service.claimDue(1);
      if (claim) await fixture.service.sendClaimed(claim);
    }

    expect(await attemptRows(fixture.knex, document.id)).toHaveLength(3);
    expect(await documentStatus(fixture.knex, document.id)).toBe('failed');
  });

  it('when a callback came before the register answer was recorded, then it is applied once the uuid is recorded', async () => {
    const { document, attempt } = await queueDocument(fixture);
    fixture.client.duringRegister = async () => {
      await fixture.knex('callbacks').insert({
        company_key: 'default',
        uuid: 'uuid-early',
        external_id: attempt.externalId,
        status: 'done',
        body: JSON.stringify({
          uuid: 'uuid-early',
          status: 'done',
          error: null,
          payload: PAYLOAD,
          external_id: attempt.externalId,
        }),
      });
    };
    fixture.client.answerRegister(registered('uuid-early'));

    const [claim] = await fixture.service.claimDue(1);
    await fixture.service.sendClaimed(claim!);

    expect(await documentStatus(fixture.knex, document.id)).toBe('done');
    const callback = await fixture.knex('callbacks').where({ uuid: 'uuid-early' }).first();
    expect(callback.processed_at).toBeInstanceOf(Date);
    const transaction = await fixture.knex('transactions').where({ uuid: 'uuid-early' }).first();
    expect(transaction).toMatchObject({ status: 'done', result_source: 'callback' });
  });

  it('when the poller gives up on a waiting transaction, then the document fails but no new external id is allowed', async () => {
    const { document } = await registeredDocument('uuid-7');

    expect(await fixture.service.markNoResult('uuid-7', 'no result from ATOL in 24 h')).toBe(true);
    expect(await fixture.service.markNoResult('uuid-7', 'again')).toBe(false);

    expect(await documentStatus(fixture.knex, document.id)).toBe('failed');
    await expect(
      fixture.service.sendDocument(document.id, { actor: 'cli', newId: true }),
    ).rejects.toMatchObject({ status: 409 });
    // A late result still counts: the receipt was registered after all.
    await fixture.service.applyReport('uuid-7', reportDone('uuid-7'), 'callback');
    expect(await documentStatus(fixture.knex, document.id)).toBe('done');
  });
});
