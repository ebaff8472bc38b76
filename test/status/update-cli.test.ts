import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { createAtolClient } from '../../src/atol';
import { ATOL_TEST_ACCOUNTS, ATOL_TEST_INN } from '../../src/config/atol-sandbox';
import { createDatabase, type Database } from '../../src/db/database';
import { createEmulator, type Emulator } from '../../src/emulator';
import { createSilentLogger } from '../../src/logger';
import { projectRoot } from '../../src/paths';
import { createTestDatabase, testDatabaseUrl, testDatabaseUrlFor } from '../helpers/test-database';
import { statusEnv } from './status-harness';

const COUNT = 1000;
/** One more than COUNT: the first test updates it alone. */
const SEEDED = COUNT + 1;
/** A budget any machine can beat, so that the run's pace is the budget's. */
const TIGHT_RATE = 10;
const TIGHT_COUNT = 30;
const RATE = 100;
const account = ATOL_TEST_ACCOUNTS[4];

/** A small valid v4 sale (reference §3, §11.1); VAT `none` keeps it free of date rules. */
function sellBody(externalId: string) {
  return {
    timestamp: '03.12.2026 10:15:00',
    external_id: externalId,
    receipt: {
      client: { email: 'buyer@example.org' },
      company: {
        email: 'shop@example.org',
        sno: 'osn',
        inn: ATOL_TEST_INN,
        payment_address: account.paymentAddress,
      },
      items: [
        {
          name: 'Чайник',
          price: 10,
          quantity: 1,
          sum: 10,
          measurement_unit: 'шт',
          payment_method: 'full_payment',
          payment_object: 'commodity',
          vat: { type: 'none' },
        },
      ],
      payments: [{ type: 1, sum: 10 }],
      total: 10,
    },
  };
}

/** The emulator behind a socket that notes when each report request arrives. */
async function countingEmulator(emulator: Emulator) {
  const reportTimes: number[] = [];
  const server = http.createServer((req, res) => {
    if (req.url?.includes('/report/')) reportTimes.push(performance.now());
    emulator.app(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as import('node:net').AddressInfo;
  return { url: `http://127.0.0.1:${port}`, reportTimes, close: () => server.close() };
}

/** Registers receipts `from`…`to - 1` at the emulator and stores them as waiting transactions. */
async function seedWaiting(knex: Knex, atolUrl: string, from: number, to: number): Promise<void> {
  const client = createAtolClient({
    baseUrl: atolUrl,
    apiVersion: 4,
    login: account.login,
    password: account.password,
    groupCode: account.groupCode,
    timeoutMs: 10_000,
    logger: createSilentLogger(),
  });
  for (let start = from; start < to; start += 100) {
    const numbers = Array.from({ length: Math.min(100, to - start) }, (_, i) => start + i);
    const uuids = await Promise.all(
      numbers.map(async (n) => {
        const outcome = await client.register('sell', sellBody(`bulk-${n}`));
        if (outcome.kind !== 'registered') throw new Error(`register: ${outcome.kind}`);
        return outcome.uuid;
      }),
    );
    await knex.transaction(async (trx) => {
      const documents = await trx('documents')
        .insert(numbers.map((n) => documentRow(n)))
        .returning(['id', 'shop_id']);
      const attempts = await trx('attempts')
        .insert(documents.map((d, i) => attemptRow(d.id, numbers[i]!)))
        .returning(['id', 'document_id', 'external_id']);
      await trx('transactions').insert(
        attempts.map((a, i) => ({
          company_key: 'default',
          document_id: a.document_id,
          attempt_id: a.id,
          uuid: uuids[i],
          external_id: a.external_id,
          operation: 'sell',
          status: 'wait',
          next_poll_at: trx.raw("now() + interval '1 hour'"),
        })),
      );
    });
  }
}

function documentRow(n: number) {
  return {
    company_key: 'default',
    kind: 'invoice',
    shop_id: `bulk-${n}`,
    body: JSON.stringify({ id: `bulk-${n}` }),
    body_hash: `hash-${n}`,
    receipt: JSON.stringify({}),
    total_kopecks: 1000,
    status: 'wait',
    document_date: new Date('2026-12-03T07:15:00Z'),
  };
}

function attemptRow(documentId: number, n: number) {
  return {
    company_key: 'default',
    document_id: documentId,
    operation: 'sell',
    external_id: `bulk-${n}`,
    api_version: 4,
    status: 'sent',
    request: JSON.stringify(sellBody(`bulk-${n}`)),
  };
}

function runCli(args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [path.join(projectRoot, 'bin', 'kkm.js'), ...args],
      { env: { PATH: process.env.PATH, ...env }, cwd: os.tmpdir(), maxBuffer: 10 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: number }).code ?? 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/**
 * The shortest span from the first report request's arrival to the last one's. The limiter spaces
 * the sends; an arrival can lag its send (the first opens the connection, and PGlite shares the
 * sending process), so two intervals or 100 ms, whichever is more, are allowed for that. A
 * limiter that let requests through unspaced would still miss this by nearly the whole span.
 */
function minimumSpanMs(count: number, rate: number): number {
  return ((count - 1) / rate) * 1000 - Math.max(100, 2000 / rate);
}

/**
 * The client lets requests go at least 1/rate apart; on arrival two can come closer when the
 * sending process stalls between letting one go and writing it (PGlite runs in the same
 * process). The pace over the whole run is checked strictly; a single second may hold a little
 * more.
 */
function burstAllowance(rate: number): number {
  return Math.floor(rate * 1.2) + 1;
}

/** The most report requests that arrived within any one second. */
function busiestSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let from = 0;
  for (let to = 0; to < sorted.length; to += 1) {
    while (sorted[to]! - sorted[from]! >= 1000) from += 1;
    most = Math.max(most, to - from + 1);
  }
  return most;
}

describe('kkm update all', () => {
  let emulator: Emulator;
  let counting: Awaited<ReturnType<typeof countingEmulator>>;
  let db: Database;
  let dbEnv: NodeJS.ProcessEnv;
  let dataDir: string | undefined;

  beforeAll(async () => {
    // Every receipt is done at ATOL at once, but no callback reaches us.
    emulator = createEmulator({ processingDelayMs: 0, faults: [{ kind: 'lostCallback' }] });
    counting = await countingEmulator(emulator);
    if (testDatabaseUrl) {
      db = await createTestDatabase();
      const current = await db.knex.raw('SELECT current_database() AS name');
      dbEnv = { DATABASE_URL: testDatabaseUrlFor(current.rows[0].name) };
    } else {
      // The CLI is another process: PGlite must live in a folder, not in memory.
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kkm-update-'));
      db = await createDatabase({ dataDir });
      await db.knex.migrate.latest();
      dbEnv = { DATA_DIR: dataDir };
    }
    await seedWaiting(db.knex, counting.url, 0, SEEDED);
    await emulator.processWaiting();
    if (!testDatabaseUrl) await db.close();
  }, 180_000);

  /** Runs `fn` on the database; PGlite is opened just for it, as the CLI needs it alone. */
  async function withDb<T>(fn: (knex: Knex) => Promise<T>): Promise<T> {
    const opened = testDatabaseUrl ? db : await createDatabase({ dataDir: dataDir! });
    try {
      return await fn(opened.knex);
    } finally {
      if (!testDatabaseUrl) await opened.close();
    }
  }

  function cliEnv(rate: number): NodeJS.ProcessEnv {
    return { ...statusEnv(0, counting.url), ...dbEnv, ATOL_POLL_RATE: String(rate) };
  }

  /** Report requests the emulator receives while `run` goes, with their arrival times. */
  async function measured<T>(run: () => Promise<T>) {
    const first = counting.reportTimes.length;
    const started = performance.now();
    const result = await run();
    const elapsedMs = performance.now() - started;
    const times = counting.reportTimes.slice(first);
    return { result, times, elapsedMs, spanMs: times.length > 1 ? times.at(-1)! - times[0]! : 0 };
  }

  afterAll(async () => {
    if (testDatabaseUrl) await db.close();
    counting.close();
    await emulator.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('when one uuid is given, then only that transaction is checked', async () => {
    const row = await withDb((knex) => knex('transactions').where({ status: 'wait' }).first());

    const run = await measured(() => runCli(['update', row.uuid], cliEnv(1)));

    expect(run.result.code).toBe(0);
    expect(run.result.stdout.trim()).toBe(`${row.uuid}: ATOL says done; now done (changed)`);
    expect(run.times).toHaveLength(1);
  });

  it('when 1,000 transactions wait, then all are checked within the budget, with progress lines', async () => {
    const run = await measured(() => runCli(['update', 'all'], cliEnv(RATE)));

    expect(run.result.stderr).toBe('');
    expect(run.result.code).toBe(0);
    const lines = run.result.stdout.trim().split('\n');
    expect(lines).toContain(`checked ${COUNT}/${COUNT}`);
    expect(lines.filter((line) => line.startsWith('checked ')).length).toBeGreaterThanOrEqual(10);
    expect(lines.at(-1)).toMatch(new RegExp(`^${COUNT} checked in .* done ${COUNT}`));
    expect(run.times).toHaveLength(COUNT);
    expect(run.spanMs).toBeGreaterThanOrEqual(minimumSpanMs(COUNT, RATE));
    expect(busiestSecond(run.times)).toBeLessThanOrEqual(burstAllowance(RATE));
    console.log(
      `kkm update all at ${RATE}/s: ${COUNT} reports in ${(run.spanMs / 1000).toFixed(2)} s ` +
        `(process ${(run.elapsedMs / 1000).toFixed(2)} s), ` +
        `busiest second ${busiestSecond(run.times)}`,
    );
  }, 300_000);

  it('when the budget is tight, then requests are spaced by it and --json prints the summary', async () => {
    // Still waiting at ATOL: each check is cheap, so only the budget can slow the run down.
    emulator.addFaults([{ kind: 'queueTimeout', times: TIGHT_COUNT }]);
    await withDb((knex) => seedWaiting(knex, counting.url, SEEDED, SEEDED + TIGHT_COUNT));

    const run = await measured(() => runCli(['update', 'all', '--json'], cliEnv(TIGHT_RATE)));

    expect(run.result.code).toBe(0);
    expect(JSON.parse(run.result.stdout)).toMatchObject({
      total: TIGHT_COUNT,
      changed: 0,
      byStatus: { wait: TIGHT_COUNT },
    });
    expect(run.times).toHaveLength(TIGHT_COUNT);
    expect(run.spanMs).toBeGreaterThanOrEqual(minimumSpanMs(TIGHT_COUNT, TIGHT_RATE));
    expect(busiestSecond(run.times)).toBeLessThanOrEqual(burstAllowance(TIGHT_RATE));
    console.log(
      `kkm update all at ${TIGHT_RATE}/s: ${TIGHT_COUNT} reports in ` +
        `${(run.spanMs / 1000).toFixed(2)} s, busiest second ${busiestSecond(run.times)}`,
    );
  }, 120_000);
});
