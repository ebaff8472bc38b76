import http from 'node:http';
import type { Knex } from 'knex';
import { loadConfig } from '../../src/config';
import { ATOL_TEST_ACCOUNTS, ATOL_TEST_INN } from '../../src/config/atol-sandbox';
import type { Database } from '../../src/db/database';
import { createSilentLogger } from '../../src/logger';
import { startServer, type RunningServer } from '../../src/server';
import { createTestDatabase } from '../helpers/test-database';

const account = ATOL_TEST_ACCOUNTS[4];

/** A server with nothing scheduled and a queue worker that looks at the queue once a minute. */
function quietEnv(): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'test',
    PORT: '0',
    PUBLIC_URL: 'http://127.0.0.1:9',
    LOG_LEVEL: 'error',
    SHOP_API_KEYS: 'shutdown-test-shop-key-0123',
    CALLBACK_SECRET: 'shutdown-test-callback-secret',
    ATOL_LOGIN: account.login,
    ATOL_PASSWORD: account.password,
    ATOL_GROUP_CODE: account.groupCode,
    ATOL_BASE_URL: 'http://127.0.0.1:9',
    COMPANY_INN: ATOL_TEST_INN,
    COMPANY_PAYMENT_ADDRESS: account.paymentAddress,
    COMPANY_EMAIL: 'shop@example.org',
    MIGRATE_ON_START: 'false',
    QUEUE_POLL_INTERVAL_MS: '60000',
    SHUTDOWN_TIMEOUT_MS: '5000',
    SCHEDULE_POLLER: 'off',
    SCHEDULE_DAILY_REPORT: 'off',
    SCHEDULE_WEEKLY_REPORT: 'off',
  };
}

interface PoolState {
  max: number;
  numUsed(): number;
  numPendingAcquires(): number;
}

const poolOf = (knex: Knex): PoolState => (knex.client as { pool: PoolState }).pool;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await pause(20);
  }
}

/** Takes every connection of the pool, so the server's next query has to wait for one. */
async function holdPool(knex: Knex): Promise<Knex.Transaction[]> {
  const held: Knex.Transaction[] = [];
  for (let index = 0; index < poolOf(knex).max; index += 1) held.push(await knex.transaction());
  return held;
}

describe('shutdown of kkm serve', () => {
  let db: Database;
  let running: RunningServer;

  beforeAll(async () => {
    db = await createTestDatabase();
    running = await startServer(loadConfig(quietEnv()), createSilentLogger(), { db });
  });
  afterAll(async () => {
    await running?.shutdown('test over');
    await db?.close();
  });

  it('when a client hangs up while its request waits for the database, then shutdown ends only after that request is answered', async () => {
    const pool = poolOf(db.knex);
    await waitFor('the workers to leave the database alone', () => pool.numUsed() === 0);
    const held = await holdPool(db.knex);
    const client = http.get(`${running.url}/ready`);
    client.on('error', () => undefined);
    await waitFor('/ready to wait for a connection', () => pool.numPendingAcquires() > 0);

    client.destroy();
    let stopped = false;
    const stopping = running.shutdown('test').then(() => {
      stopped = true;
    });
    await pause(300);
    const stoppedWhileWaiting = stopped;
    await Promise.all(held.map((trx) => trx.rollback()));
    await stopping;

    expect(stoppedWhileWaiting).toBe(false);
    // The caller closes the database next: nothing of the server may still want it.
    expect(pool.numPendingAcquires() + pool.numUsed()).toBe(0);
  });
});
