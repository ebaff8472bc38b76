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
import { createTestDatabase, testDatabaseUrl } from '../helpers/test-database';
import { freePort, statusEnv } from './status-harness';

const COUNT = 1000;
const RATE = 200;
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

/** Registers COUNT receipts at the emulator and stores them as waiting transactions. */
async function seedWaiting(knex: Knex, atolUrl: string): Promise<void> {
  const client = createAtolClient({
    baseUrl: atolUrl,
    apiVersion: 4,
    login: account.login,
    password: account.password,
    groupCode: account.groupCode,
    timeoutMs: 10_000,
    logger: createSilentLogger(),
  });
  for (let start = 0; start < COUNT; start += 100) {
    const numbers = Array.from({ length: Math.min(100, COUNT - start) }, (_, i) => start + i);
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
      const connection = (db.knex.client as { config: { connection: unknown } }).config.connection;
      dbEnv = { DATABASE_URL: String(connection) };
    } else {
      // The CLI is another process: PGlite must live in a folder, not in memory.
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kkm-update-'));
      db = await createDatabase({ dataDir });
      await db.knex.migrate.latest();
      dbEnv = { DATA_DIR: dataDir };
    }
    await seedWaiting(db.knex, counting.url);
    await emulator.processWaiting();
    if (!testDatabaseUrl) await db.close();
  });

  afterAll(async () => {
    if (testDatabaseUrl) await db.close();
    counting.close();
    await emulator.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('when 1,000 transactions wait, then all are checked within the budget, with progress lines', async () => {
    const env = {
      ...statusEnv(await freePort(), counting.url),
      ...dbEnv,
      ATOL_POLL_RATE: String(RATE),
      LOG_LEVEL: 'warn',
    };
    const before = emulator.snapshot().totals.reportRequests;

    const started = performance.now();
    const result = await runCli(['update', 'all'], env);
    const elapsedMs = performance.now() - started;

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toContain(`checked ${COUNT}/${COUNT}`);
    expect(lines.filter((line) => line.startsWith('checked ')).length).toBeGreaterThanOrEqual(10);
    expect(lines.at(-1)).toMatch(new RegExp(`^${COUNT} checked in .* done ${COUNT}`));

    expect(emulator.snapshot().totals.reportRequests - before).toBe(COUNT);
    const times = counting.reportTimes;
    const spanMs = times.at(-1)! - times[0]!;
    expect(spanMs).toBeGreaterThanOrEqual(((COUNT - 1) / RATE) * 1000 - 50);
    expect(busiestSecond(times)).toBeLessThanOrEqual(RATE + 2);
    console.log(
      `kkm update all: ${COUNT} reports in ${(spanMs / 1000).toFixed(2)} s ` +
        `(process ${(elapsedMs / 1000).toFixed(2)} s), busiest second ${busiestSecond(times)}`,
    );
  });

  it('when asked for --json, then it prints only the summary as JSON', async () => {
    const env = { ...statusEnv(await freePort(), counting.url), ...dbEnv, ATOL_POLL_RATE: '50' };

    const result = await runCli(['update', 'all', '--json'], env);

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ total: 0, changed: 0 });
  });
});
