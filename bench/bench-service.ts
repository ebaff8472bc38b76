import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { loadConfig } from '../src/config';
import { ATOL_TEST_ACCOUNTS, ATOL_TEST_INN } from '../src/config/atol-sandbox';
import type { Database } from '../src/db/database';
import { createLogger, type LogLevel } from '../src/logger';
import { buildServer, createContext, type AppContext, type ServerParts } from '../src/main';
import { createScheduler, type Scheduler } from '../src/scheduler/scheduler';
import { createDrain } from '../src/server';

export const BENCH_API_KEY = 'bench-shop-api-key-0123456789';
export const BENCH_METRICS_TOKEN = 'bench-metrics-token-0123456789';

/** The service under test, composed by src/main.ts as `kkm serve` composes it. */
export interface BenchService {
  url: string;
  context: AppContext;
  parts: ServerParts;
  /** Starts the workers (queue, status, …) and, when asked, the schedule table's jobs. */
  startWorkers(options?: { scheduler?: boolean }): Promise<void>;
  stopWorkers(): Promise<void>;
  close(): Promise<void>;
}

export interface BenchServiceOptions {
  db: Database;
  /** The emulator's base URL. */
  atolUrl: string;
  logLevel: string;
  callbackTrust: 'trust' | 'verify';
  /** False: the callback URL points at a closed port, so results come only by polling. */
  callbacks?: boolean;
  env?: NodeJS.ProcessEnv;
}

/** A free loopback port, so the callback URL can be in the config before the server starts. */
export function freePort(): Promise<number> {
  const probe = http.createServer();
  return new Promise((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Log lines are formatted as in production, then dropped: the cost stays, the noise goes. */
function discardingLogger(level: string) {
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  return createLogger({ level: level as LogLevel, format: 'json', stream: sink });
}

function listen(server: http.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

/**
 * Production settings with ATOL's test account at the emulator. The service listens on a
 * loopback port; its workers and jobs start only when a scenario says so.
 */
export async function startBenchService(options: BenchServiceOptions): Promise<BenchService> {
  const port = await freePort();
  const account = ATOL_TEST_ACCOUNTS[4];
  const config = loadConfig({
    NODE_ENV: 'production',
    PORT: String(port),
    PUBLIC_URL: options.callbacks === false ? 'http://127.0.0.1:9' : `http://127.0.0.1:${port}`,
    SHOP_API_KEYS: BENCH_API_KEY,
    ADMIN_PASSWORD: 'bench-admin-password-0123456789',
    CALLBACK_SECRET: 'bench-callback-secret-0123456789',
    CALLBACK_TRUST: options.callbackTrust,
    ATOL_LOGIN: account.login,
    ATOL_PASSWORD: account.password,
    ATOL_GROUP_CODE: account.groupCode,
    ATOL_BASE_URL: options.atolUrl,
    COMPANY_INN: ATOL_TEST_INN,
    COMPANY_PAYMENT_ADDRESS: account.paymentAddress,
    COMPANY_EMAIL: 'shop@example.org',
    METRICS_TOKEN: BENCH_METRICS_TOKEN,
    ...options.env,
  });
  const logger = discardingLogger(options.logLevel);
  const context = await createContext(config, logger, { db: options.db });
  const parts = buildServer(context, () => false);
  const server = http.createServer(parts.app);
  // The load generator stops with requests in hand; the database closes after they are answered.
  const drain = createDrain(server);
  await listen(server, port);
  let scheduler: Scheduler | undefined;
  let started = false;

  async function stopWorkers(): Promise<void> {
    await scheduler?.stop(10_000);
    scheduler = undefined;
    if (started) await Promise.all(parts.workers.map((worker) => worker.stop(10_000)));
    started = false;
  }

  return {
    url: `http://127.0.0.1:${port}`,
    context,
    parts,
    async startWorkers(start = {}) {
      for (const worker of parts.workers) await worker.start();
      started = true;
      if (start.scheduler) {
        scheduler = createScheduler({
          logger,
          timeZone: config.timeZone,
          onRun: context.services.metrics.observeJobRun,
        });
        scheduler.start(parts.jobs);
      }
    },
    stopWorkers,
    async close() {
      await drain(30_000);
      await stopWorkers();
      await context.close();
    },
  };
}
