import { createDatabase, type Database } from '../../src/db/database';
import { testDatabaseUrl } from '../helpers/test-database';
import { databaseUrlOf, openFiscalDatabase } from './fiscal-fixture';
import {
  seedQueuedDocuments,
  startEmulatorStack,
  waitUntil,
  type EmulatorStack,
} from './emulator-stack';

const DOCUMENTS = 1000;

// PGlite is single-process by design: one connection, no second pool or process can open it.
// There the two workers share that connection; on PostgreSQL each has its own pool.
const title = testDatabaseUrl
  ? `when two workers with separate pools share one PostgreSQL and ${DOCUMENTS} documents are queued, then each is sent exactly once`
  : `when two workers share one PGlite connection (two pools or processes need PostgreSQL) and ${DOCUMENTS} documents are queued, then each is sent exactly once`;

describe('several workers on one database', () => {
  let db: Database;
  let second: Database | undefined;
  let stack: EmulatorStack | undefined;

  beforeAll(async () => {
    db = await openFiscalDatabase();
    if (db.kind === 'postgres') {
      const url = await databaseUrlOf(db);
      second = await createDatabase({ url, poolMax: 10 });
    }
  });
  afterAll(async () => {
    await stack?.close();
    await second?.close();
    await db.close();
  });

  it(title, async () => {
    // The emulator keeps every receipt waiting: only registration is counted here. A long
    // client timeout means no send is repeated for slowness: a second submission of an
    // external id could only come from a double claim.
    stack = await startEmulatorStack(
      db.knex,
      { workers: 8, pollIntervalMs: 20 },
      { processingDelayMs: 3_600_000, timeoutMs: 30_000 },
    );
    const s = stack;
    await seedQueuedDocuments(db.knex, DOCUMENTS, { callbackUrl: 'http://127.0.0.1:9/cb' });
    const other = s.addWorker((second ?? db).knex, 'worker-b');

    const started = Date.now();
    s.worker.start();
    other.worker.start();
    await waitUntil(async () => {
      const row = await db.knex('attempts').where('status', 'sent').count({ n: '*' }).first();
      return Number(row?.n) === DOCUMENTS;
    }, 240_000);
    const seconds = (Date.now() - started) / 1000;

    const { totals, receipts } = s.emulator.snapshot();
    expect(totals.accepted).toBe(DOCUMENTS);
    expect(totals.duplicates).toBe(0);
    expect(totals.registerRequests).toBe(DOCUMENTS);
    expect(Object.keys(receipts)).toHaveLength(DOCUMENTS);
    for (const entry of Object.values(receipts)) expect(entry.submissions).toBe(1);
    const transactions = await db.knex('transactions').count({ n: '*' }).first();
    expect(Number(transactions?.n)).toBe(DOCUMENTS);
    const byWorker = await db
      .knex('events')
      .where('type', 'sending')
      .select(db.knex.raw("data->>'attemptId' AS id"))
      .count({ n: '*' })
      .groupByRaw("data->>'attemptId'")
      .havingRaw('count(*) > 1');
    expect(byWorker).toHaveLength(0);
    const owners = await db.knex('attempts').distinct('locked_by');
    expect(owners).toEqual([{ locked_by: null }]);
    console.log(`${DOCUMENTS} documents sent by two workers in ${seconds.toFixed(1)} s`);
  });
});
