import type { Database } from '../../src/db/database';
import { openFiscalDatabase } from './fiscal-fixture';
import {
  queueRealDocument,
  settleResults,
  startEmulatorStack,
  statusCounts,
  waitUntil,
  type EmulatorStack,
} from './emulator-stack';

describe('fiscal pipeline against the ATOL emulator', () => {
  let db: Database;
  let stack: EmulatorStack | undefined;

  beforeAll(async () => {
    db = await openFiscalDatabase();
  });
  afterAll(() => db.close());

  beforeEach(async () => {
    await db.knex.raw(
      'TRUNCATE documents, attempts, transactions, events, callbacks RESTART IDENTITY CASCADE',
    );
  });
  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  /** Every external id the service used has exactly one receipt at the emulator. */
  async function expectOneReceiptPerDocument(s: EmulatorStack, documents: number): Promise<void> {
    const receipts = s.emulator.snapshot().receipts;
    const done = await db.knex('transactions').where('status', 'done').select('external_id');
    expect(done).toHaveLength(documents);
    for (const { external_id: externalId } of done) {
      expect(receipts[externalId]?.receipts).toBe(1);
    }
    const total = Object.values(receipts).reduce((sum, entry) => sum + entry.receipts, 0);
    expect(total).toBe(documents);
  }

  async function queueMany(s: EmulatorStack, invoices: number, refunds: number) {
    const ids: number[] = [];
    for (let i = 0; i < invoices; i += 1)
      ids.push(await queueRealDocument(db.knex, s.service, 'invoice'));
    for (let i = 0; i < refunds; i += 1)
      ids.push(await queueRealDocument(db.knex, s.service, 'refund'));
    return ids;
  }

  const allWaiting = (count: number) => async () =>
    ((await statusCounts(db.knex)).wait ?? 0) === count;

  it('when invoices and refunds are queued, then each ends done with one receipt of its operation', async () => {
    stack = await startEmulatorStack(db.knex, {});
    const s = stack;
    await queueMany(s, 4, 2);

    s.worker.start();
    await waitUntil(allWaiting(6));
    await settleResults(db.knex, s);

    expect(await statusCounts(db.knex)).toEqual({ done: 6 });
    await expectOneReceiptPerDocument(s, 6);
    const refunds = await db.knex('transactions').where('operation', 'sell_refund');
    expect(refunds).toHaveLength(2);
    for (const { uuid } of refunds)
      expect(s.emulator.document(uuid)?.operation).toBe('sell_refund');
  });

  it('when ATOL answers 500s, hangs and drops for a while, then retries on the schedule bring all to done', async () => {
    stack = await startEmulatorStack(db.knex, {}, { timeoutMs: 300 });
    const s = stack;
    await queueMany(s, 6, 2);

    // ATOL is down for a while, in one way after another; then it recovers.
    const outages = [
      { kind: 'http500', on: ['register'] },
      { kind: 'hang', on: ['register'] },
      { kind: 'serviceError', code: 50, on: ['register'] },
      { kind: 'drop', on: ['register'] },
    ] as const;
    s.worker.start();
    for (const fault of outages) {
      s.emulator.clearFaults();
      s.emulator.addFaults([{ ...fault, on: [...fault.on] }]);
      await new Promise((resolve) => setTimeout(resolve, 800));
    }
    s.emulator.clearFaults();
    expect(await statusCounts(db.knex)).toEqual({ queued: 8 });
    await waitUntil(allWaiting(8));
    await settleResults(db.knex, s);

    expect(await statusCounts(db.knex)).toEqual({ done: 8 });
    await expectOneReceiptPerDocument(s, 8);
    const failedCalls = s.exchanges.filter((e) => e.action === 'register' && e.failed);
    expect(failedCalls.length).toBeGreaterThanOrEqual(8 * 4);
    const retried = await db.knex('events').where('type', 'retry_scheduled');
    expect(retried.length).toBeGreaterThanOrEqual(8 * 4);
    const reasons = retried.map((event: { message: string }) => event.message).join('\n');
    expect(reasons).toMatch(/500/);
    expect(reasons).toMatch(/timeout/);
  });

  it('when ATOL registers a receipt but its answer comes too late, then the resend adopts it through 33', async () => {
    stack = await startEmulatorStack(db.knex, {}, { timeoutMs: 300 });
    const s = stack;
    s.proxy.holdRegisterAnswers(3, 1000);
    await queueMany(s, 3, 1);

    s.worker.start();
    await waitUntil(allWaiting(4));
    await settleResults(db.knex, s);

    expect(s.proxy.held).toBe(3);
    expect(await statusCounts(db.knex)).toEqual({ done: 4 });
    await expectOneReceiptPerDocument(s, 4);
    const adopted = await db.knex('events').where('type', 'duplicate_adopted');
    // At least the three held ones; a slow answer on a loaded machine may add more.
    expect(adopted.length).toBeGreaterThanOrEqual(3);
  });

  it('when ATOL rejects a receipt (32), then the document fails with the fields and is not retried', async () => {
    stack = await startEmulatorStack(db.knex, {});
    const s = stack;
    const [bad, good] = await queueMany(s, 2, 0);
    // A body the emulator's schema refuses: a negative price.
    await db
      .knex('attempts')
      .where('document_id', bad)
      .update({ request: db.knex.raw(`jsonb_set(request, '{receipt,items,0,price}', '-1')`) });

    s.worker.start();
    await waitUntil(async () => (await statusCounts(db.knex)).failed === 1);
    await waitUntil(allWaiting(1));
    await new Promise((resolve) => setTimeout(resolve, 600)); // longer than the retry schedule
    await settleResults(db.knex, s);

    expect(await statusCounts(db.knex)).toEqual({ done: 1, failed: 1 });
    expect(s.registerCalls()).toBe(2);
    const [attempt] = await db.knex('attempts').where('document_id', bad);
    expect(attempt.status).toBe('error');
    expect(attempt.error.code).toBe(32);
    expect(attempt.error.fields.join(' ')).toMatch(/price/);
    const rejected = await db.knex('events').where({ document_id: bad, type: 'rejected' });
    expect(rejected[0].message).toMatch(/32/);
    expect(good).toBeDefined();
  });
});
