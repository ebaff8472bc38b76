import request from 'supertest';
import type express from 'express';
import { ATOL_TEST_ACCOUNTS, ATOL_TEST_INN, loadConfig, type Config } from '../../src/config';
import type { Database } from '../../src/db/database';
import { createEmulator, type Emulator } from '../../src/emulator';
import type { QueueWorker } from '../../src/fiscal/queue-worker';
import { createSilentLogger } from '../../src/logger';
import { buildServer, createContext, type Services } from '../../src/main';
import { createWebhookStore, type WebhookStore } from '../../src/webhook/webhook-store';
import { createTestDatabase } from '../helpers/test-database';

export const API_KEY = 'test-shop-key-0123456789';

/** The shop API on a fresh database, talking to an in-memory ATOL emulator. */
export interface ShopApiFixture {
  app: express.Express;
  config: Config;
  db: Database;
  emulator: Emulator;
  services: Services;
  worker: QueueWorker;
  webhooks: WebhookStore;
  /** Sends every due attempt, lets ATOL finish its receipts and applies their reports. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

const account = ATOL_TEST_ACCOUNTS[4];

/**
 * The real composition root (src/main.ts: createContext + buildServer) on a test database,
 * configured from environment-style settings. ATOL is an emulator of the test's own, given as
 * real credentials, so the test can drive and inspect it; its receipts wait until settle().
 */
export async function createShopApiFixture(env: NodeJS.ProcessEnv = {}): Promise<ShopApiFixture> {
  const emulator = createEmulator({ processingDelayMs: 60_000 });
  const { url } = await emulator.start(0);
  const config = loadConfig({
    NODE_ENV: 'test',
    SHOP_API_KEYS: API_KEY,
    ATOL_BASE_URL: url,
    ATOL_LOGIN: account.login,
    ATOL_PASSWORD: account.password,
    ATOL_GROUP_CODE: account.groupCode,
    COMPANY_INN: ATOL_TEST_INN,
    COMPANY_PAYMENT_ADDRESS: account.paymentAddress,
    COMPANY_EMAIL: 'shop@example.org',
    // Port 9 on loopback is closed: the emulator's callbacks fail fast; tests apply reports.
    PUBLIC_URL: 'http://127.0.0.1:9',
    ...env,
  });
  const db = await createTestDatabase();
  const context = await createContext(config, createSilentLogger(), { db });
  const { services } = context;
  const { app } = buildServer(context, () => false);

  async function settle(): Promise<void> {
    while ((await services.queueWorker.runOnce()) > 0);
    await emulator.processWaiting();
    const waiting: Array<{ uuid: string }> = await db.knex('transactions').where('status', 'wait');
    for (const { uuid } of waiting) await services.fiscal.refreshTransaction(uuid, 'poll');
  }

  return {
    app,
    config: context.config,
    db,
    emulator,
    services,
    worker: services.queueWorker,
    webhooks: createWebhookStore(db.knex),
    settle,
    close: async () => {
      await context.close();
      await emulator.close();
      await db.close();
    },
  };
}

/** A valid invoice body (shop-api.md) with the given id. */
export function invoiceBody(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    orderId: `order-${id}`,
    createdAt: '2026-12-03T10:15:00+03:00',
    customer: { email: 'buyer@example.org' },
    items: [
      { sku: 'KETTLE-1', name: 'Электрический чайник', price: 1990, quantity: 2, discount: 100 },
    ],
    shipping: { name: 'Доставка курьером', price: 300 },
    total: 4180,
    ...overrides,
  };
}

/** A valid refund body of the given invoice. */
export function refundBody(id: string, invoiceId: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    invoiceId,
    orderId: `order-${invoiceId}`,
    createdAt: '2026-12-05T12:00:00+03:00',
    customer: { email: 'buyer@example.org' },
    items: [{ name: 'Электрический чайник', price: 1990, quantity: 1 }],
    total: 1990,
    ...overrides,
  };
}

/** supertest with the API key. */
export function api(app: express.Express) {
  const auth = { Authorization: `Bearer ${API_KEY}` };
  return {
    post: (path: string) => request(app).post(path).set(auth),
    get: (path: string) => request(app).get(path).set(auth),
  };
}

export async function countRows(db: Database, table: string): Promise<number> {
  const row = await db.knex(table).count({ n: '*' }).first();
  return Number(row?.n ?? 0);
}
