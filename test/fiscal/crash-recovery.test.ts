import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { ATOL_TEST_ACCOUNTS, ATOL_TEST_INN } from '../../src/config/atol-sandbox';
import { createDatabase, type Database } from '../../src/db/database';
import { createEmulator, type Emulator } from '../../src/emulator';
import { createTestDatabase } from '../helpers/test-database';
import { seedQueuedDocuments, waitUntil } from './emulator-stack';
import { databaseUrlOf } from './fiscal-fixture';
import { startHoldingProxy, type HoldingProxy } from './holding-proxy';
import {
  freePort,
  isBuilt,
  snapshotBuild,
  startServiceProcess,
  type ServiceProcess,
} from './service-process';

// A `kkm serve` child process is killed with SIGKILL at each point of the send path; the kill
// points are found from the proxy's and the emulator's state (what ATOL has seen and answered)
// and checked in the database afterwards. Nothing in the product is instrumented for it.

const DOCUMENTS = 30;
const WORKERS = 4;
const SECRET = 'crash-test-callback-secret';
const API_KEY = 'crash-test-api-key-0123456789';
const account = ATOL_TEST_ACCOUNTS[4];

type KillPoint =
  'before the HTTP call' | 'after the HTTP call, before recording' | 'after recording';
// One run per kill point, each with every worker slot mid-send; the documents not caught at a
// kill point go through the restarts too.
const ROUNDS: KillPoint[] = [
  'before the HTTP call',
  'after the HTTP call, before recording',
  'after recording',
];

describe('crash recovery of the send path', () => {
  let emulator: Emulator;
  let proxy: HoldingProxy;
  let port: number;
  let storage: { env: Record<string, string>; open(): Promise<Database>; done(): Promise<void> };
  let service: ServiceProcess | undefined;
  let buildRoot: string;

  beforeAll(async () => {
    if (!isBuilt()) throw new Error('run `npm run build` first: this test runs bin/kkm.js');
    buildRoot = snapshotBuild();
    emulator = createEmulator({ processingDelayMs: 300, callbackTimeoutMs: 1000 });
    await emulator.start(0);
    proxy = await startHoldingProxy(emulator.url);
    port = await freePort();
    storage = await openStorage();
    const db = await storage.open();
    try {
      await seedQueuedDocuments(db.knex, DOCUMENTS, {
        callbackUrl: `http://127.0.0.1:${port}/kkm/callback/${SECRET}`,
      });
    } finally {
      if (db.kind === 'pglite') await db.close();
    }
  });

  afterAll(async () => {
    await service?.kill();
    await proxy?.close();
    await emulator?.close();
    await storage?.done();
    if (buildRoot) fs.rmSync(buildRoot, { recursive: true, force: true });
  });

  /** PostgreSQL: a fresh test database. PGlite: a data directory the child opens by itself. */
  async function openStorage(): Promise<typeof storage> {
    if (process.env.DATABASE_URL) {
      const db = await createTestDatabase();
      const url = await databaseUrlOf(db);
      return { env: { DATABASE_URL: url }, open: async () => db, done: () => db.close() };
    }
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kkm-crash-'));
    const migrated = await createDatabase({ dataDir });
    await migrated.knex.migrate.latest();
    await migrated.close();
    return {
      env: { DATA_DIR: dataDir },
      // The child holds the data directory while it runs: open it only between runs.
      open: () => createDatabase({ dataDir }),
      done: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }

  async function withDatabase<T>(fn: (knex: Knex) => Promise<T>): Promise<T> {
    const db = await storage.open();
    try {
      return await fn(db.knex);
    } finally {
      if (db.kind === 'pglite') await db.close();
    }
  }

  function start(): Promise<ServiceProcess> {
    return startServiceProcess(
      {
        NODE_ENV: 'test',
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        LOG_LEVEL: 'warn',
        LOG_FORMAT: 'json',
        SHOP_API_KEYS: API_KEY,
        CALLBACK_SECRET: SECRET,
        ATOL_LOGIN: account.login,
        ATOL_PASSWORD: account.password,
        ATOL_GROUP_CODE: account.groupCode,
        ATOL_BASE_URL: proxy.url,
        ATOL_TIMEOUT_MS: '1000',
        ATOL_POLL_RATE: '20',
        COMPANY_INN: ATOL_TEST_INN,
        COMPANY_PAYMENT_ADDRESS: account.paymentAddress,
        COMPANY_EMAIL: 'shop@example.org',
        QUEUE_WORKERS: String(WORKERS),
        QUEUE_POLL_INTERVAL_MS: '50',
        QUEUE_LOCK_TTL_MS: '1500',
        RETRY_SCHEDULE: '1',
        MAX_TRIES: '100',
        SCHEDULE_POLLER: '*/1 * * * * *',
        SCHEDULE_DAILY_REPORT: 'off',
        SCHEDULE_WEEKLY_REPORT: 'off',
        SHUTDOWN_TIMEOUT_MS: '2000',
        DATABASE_POOL_MAX: '5',
        ...storage.env,
      },
      port,
      buildRoot,
    );
  }

  /** Runs the service until the send path is at `point`, kills it there; the ids concerned. */
  async function killAt(point: KillPoint): Promise<string[]> {
    const running = await start();
    submissionsBefore = submissions();
    service = running;
    const seenBefore = proxy.seen.length;
    if (point === 'before the HTTP call') proxy.setMode('block');
    if (point === 'after the HTTP call, before recording') proxy.setMode('holdAnswers');

    if (point === 'after recording') {
      // With every worker slot busy, a new request means a finished send freed a slot:
      // that send's answer has been recorded.
      await waitUntil(async () => proxy.seen.length >= seenBefore + WORKERS + 1, 60_000);
    } else {
      await waitUntil(async () => proxy.kept.length >= WORKERS, 60_000);
    }
    const ids = point === 'after recording' ? proxy.seen.slice(seenBefore) : proxy.kept;
    await running.kill();
    service = undefined;
    proxy.dropKept();
    proxy.setMode('pass');
    return ids;
  }

  /** How many times ATOL has been sent each external id. */
  function submissions(): Map<string, number> {
    const entries = Object.entries(emulator.snapshot().receipts);
    return new Map(entries.map(([id, entry]) => [id, entry.submissions]));
  }
  let submissionsBefore = new Map<string, number>();

  async function attemptsOf(knex: Knex, ids: string[]) {
    return knex('attempts').whereIn('external_id', ids).select('external_id', 'status');
  }

  async function expectStateAt(point: KillPoint, ids: string[]): Promise<void> {
    const receipts = emulator.snapshot().receipts;
    const attempts = await withDatabase((knex) => attemptsOf(knex, ids));
    if (point === 'before the HTTP call') {
      for (const attempt of attempts) expect(attempt.status).toBe('sending');
      // Not one of the kept requests reached ATOL (some may be resends of earlier rounds).
      const now = submissions();
      for (const id of ids) expect(now.get(id)).toBe(submissionsBefore.get(id));
    } else if (point === 'after the HTTP call, before recording') {
      for (const attempt of attempts) expect(attempt.status).toBe('sending');
      for (const id of ids) expect(receipts[id]?.documents).toHaveLength(1);
    } else {
      expect(attempts.some((attempt: { status: string }) => attempt.status === 'sent')).toBe(true);
    }
    expect(attempts.length).toBe(new Set(ids).size);
  }

  async function doneCount(url: string): Promise<number> {
    const res = await fetch(`${url}/api/v1/documents?status=done&limit=200`, {
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    if (!res.ok) return -1;
    return ((await res.json()) as { documents: unknown[] }).documents.length;
  }

  it(`when the service is killed at each point of the send path over ${DOCUMENTS} documents, then after a restart every document is done with exactly one receipt`, async () => {
    for (const point of ROUNDS) {
      const ids = await killAt(point);
      expect(ids.length).toBeGreaterThanOrEqual(WORKERS);
      await expectStateAt(point, ids);
    }

    const final = await start();
    service = final;
    await waitUntil(async () => (await doneCount(final.url)) === DOCUMENTS, 180_000).catch(
      (error: Error) => {
        throw new Error(`${error.message}\n${final.output()}`);
      },
    );
    await final.stop();
    service = undefined;

    const { documents, attempts } = await withDatabase(async (knex) => ({
      documents: await knex('documents').select('status'),
      attempts: await knex('attempts').select('external_id', 'status'),
    }));
    expect(documents.every((row: { status: string }) => row.status === 'done')).toBe(true);
    expect(attempts).toHaveLength(DOCUMENTS);
    const { receipts, totals } = emulator.snapshot();
    expect(totals.accepted).toBe(DOCUMENTS);
    for (const attempt of attempts) {
      expect(attempt.status).toBe('sent');
      expect(receipts[attempt.external_id]?.receipts).toBe(1);
    }
    expect(totals.duplicates).toBeGreaterThan(0); // the recovered "before recording" sends
  }, 400_000);
});
