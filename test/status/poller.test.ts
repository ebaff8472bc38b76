import { createStatusHarness, type StatusHarness } from './status-harness';

describe('the status poller, through the real server', () => {
  let h: StatusHarness;

  beforeAll(async () => {
    // The poller ticks every second; CALLBACK_TRUST stays the default.
    h = await createStatusHarness();
  });
  afterAll(() => h.close());

  it('when the callback is lost, then the poller makes the document done', async () => {
    h.emulator.addFaults([{ kind: 'lostCallback', times: 1 }]);

    const id = await h.postInvoice('poll-lost');

    await h.waitFor('done', async () => (await h.documentStatus(id)) === 'done', 20_000);
    const [transaction] = await h.transactions(id);
    expect(transaction).toMatchObject({ status: 'done', result_source: 'poll' });
    expect(transaction!.polls).toBe(1);
    expect(await h.db.knex('callbacks').where({ uuid: transaction!.uuid })).toHaveLength(0);
  });

  it('when ATOL fails the receipt with a register fault, then it is resent as -r2 and done', async () => {
    h.emulator.addFaults([{ kind: 'fail', type: 'driver', code: 68, times: 1 }]);

    const id = await h.postInvoice('poll-register-fault');

    await h.waitFor('done', async () => (await h.documentStatus(id)) === 'done', 20_000);
    const transactions = await h.transactions(id);
    expect(transactions.map((t) => [t.status, t.error_class])).toEqual([
      ['fail', 'register'],
      ['done', null],
    ]);
    const [first, second] = transactions.map((t) => String(t.external_id)) as [string, string];
    expect(second).toBe(`${first}-r2`);
    expect(h.emulator.snapshot(first).receipts[first]).toMatchObject({ receipts: 0 });
    expect(h.emulator.snapshot(second).receipts[second]).toMatchObject({ receipts: 1 });
    expect(await h.eventTypes(id)).toContain('resent');
  });

  it('when ATOL fails the receipt with a data error, then the document fails and is not resent', async () => {
    h.emulator.addFaults([{ kind: 'fail', type: 'driver', code: 16, times: 1 }]);

    const id = await h.postInvoice('poll-data-error');

    await h.waitFor('failed', async () => (await h.documentStatus(id)) === 'failed');
    const transactions = await h.transactions(id);
    expect(transactions).toHaveLength(1);
    expect(transactions[0]).toMatchObject({ status: 'fail', error_class: 'data' });
    expect(await h.db.knex('attempts').where({ document_id: id })).toHaveLength(1);
    const externalId = String(transactions[0]!.external_id);
    expect(h.emulator.snapshot(externalId).receipts).toEqual({
      [externalId]: expect.objectContaining({
        receipts: 0,
        submissions: 1,
        documents: [expect.objectContaining({ status: 'fail' })],
      }),
    });
  });

  it('when ATOL gives no result for a day, then the document fails with "no result from ATOL"', async () => {
    h.emulator.addFaults([{ kind: 'queueTimeout', times: 1 }]);
    const id = await h.postInvoice('poll-no-result');
    await h.waitFor('the transaction', async () => (await h.transactions(id)).length === 1);

    // As if registered 25 hours ago and due now.
    await h.db
      .knex('transactions')
      .where({ document_id: id })
      .update({
        created_at: h.db.knex.raw("now() - interval '25 hours'"),
        next_poll_at: h.db.knex.fn.now(),
      });

    await h.waitFor('failed', async () => (await h.documentStatus(id)) === 'failed');
    const [transaction] = await h.transactions(id);
    expect(transaction).toMatchObject({ status: 'wait', next_poll_at: null });
    const events = await h.db.knex('events').where({ document_id: id, type: 'no_result' });
    expect(events).toHaveLength(1);
    expect(events[0].message).toMatch(/No result from ATOL/);
  });

  it('when ATOL still waits, then the next poll moves out along the backoff', async () => {
    h.emulator.addFaults([{ kind: 'queueTimeout', times: 1 }]);
    const id = await h.postInvoice('poll-backoff');
    await h.waitFor('the transaction', async () => (await h.transactions(id)).length === 1);
    await h.db
      .knex('transactions')
      .where({ document_id: id })
      .update({
        created_at: h.db.knex.raw("now() - interval '10 minutes'"),
        next_poll_at: h.db.knex.fn.now(),
      });

    await h.waitFor('one poll', async () => (await h.transactions(id))[0]!.polls === 1);

    const [transaction] = await h.transactions(id);
    const secondsAhead = await h.db.knex.raw(
      'SELECT extract(epoch FROM (next_poll_at - now())) AS s FROM transactions WHERE id = ?',
      [Number(transaction!.id)],
    );
    expect(Number(secondsAhead.rows[0].s)).toBeGreaterThan(200);
    expect(Number(secondsAhead.rows[0].s)).toBeLessThanOrEqual(300);
  });
});
