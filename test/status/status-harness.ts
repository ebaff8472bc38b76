import net from 'node:net';
import request from 'supertest';
import { loadConfig, type Config } from '../../src/config';
import { ATOL_TEST_ACCOUNTS, ATOL_TEST_INN } from '../../src/config/atol-sandbox';
import type { Database } from '../../src/db/database';
import { createEmulator, type Emulator } from '../../src/emulator';
import type { EmulatorOptions } from '../../src/emulator/emulator-types';
import { createSilentLogger } from '../../src/logger';
import { startServer, type RunningServer } from '../../src/server';
import { createTestDatabase } from '../helpers/test-database';

export const API_KEY = 'status-test-shop-key-0123';
export const CALLBACK_SECRET = 'status-test-callback-secret';

const account = ATOL_TEST_ACCOUNTS[4];

/** The real server (src/server.ts, the composition root) on a fresh database and emulator. */
export interface StatusHarness {
  url: string;
  config: Config;
  db: Database;
  emulator: Emulator;
  /** POST /api/v1/invoices; resolves with the stored document's id. */
  postInvoice(shopId: string): Promise<number>;
  documentStatus(id: number): Promise<string>;
  transactions(documentId: number): Promise<Array<Record<string, unknown>>>;
  eventTypes(documentId: number): Promise<string[]>;
  /** Polls `check` until it returns true, or fails after `timeoutMs`. */
  waitFor(what: string, check: () => Promise<boolean>, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Settings of a real deployment talking to the emulator as if it were ATOL. */
export function statusEnv(port: number, emulatorUrl: string): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'test',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'error',
    SHOP_API_KEYS: API_KEY,
    CALLBACK_SECRET,
    ATOL_LOGIN: account.login,
    ATOL_PASSWORD: account.password,
    ATOL_GROUP_CODE: account.groupCode,
    ATOL_BASE_URL: emulatorUrl,
    COMPANY_INN: ATOL_TEST_INN,
    COMPANY_PAYMENT_ADDRESS: account.paymentAddress,
    COMPANY_EMAIL: 'shop@example.org',
    MIGRATE_ON_START: 'false',
    QUEUE_POLL_INTERVAL_MS: '50',
    RETRY_SCHEDULE: '1',
    SCHEDULE_POLLER: '* * * * * *',
    SCHEDULE_DAILY_REPORT: 'off',
    SCHEDULE_WEEKLY_REPORT: 'off',
  };
}

export function invoiceBody(id: string) {
  return {
    id,
    orderId: `order-${id}`,
    createdAt: '2026-12-03T10:15:00+03:00',
    customer: { email: 'buyer@example.org' },
    items: [{ sku: 'KETTLE-1', name: 'Электрический чайник', price: 1990, quantity: 2 }],
    total: 3980,
  };
}

/** ATOL's callback for a receipt it has made (reference §6), as the emulator would send it. */
export function doneCallbackBody(uuid: string, externalId: string, groupCode: string) {
  return {
    uuid,
    status: 'done',
    error: null,
    payload: {
      fiscal_receipt_number: 1,
      shift_number: 1,
      receipt_datetime: '03.12.2026 10:15:00',
      total: 39.8,
      fn_number: '9999078900004312',
      ecr_registration_number: '0000000001002292',
      fiscal_document_number: 5,
      fiscal_document_attribute: 123,
      fns_site: 'www.nalog.gov.ru',
    },
    group_code: groupCode,
    external_id: externalId,
    timestamp: '03.12.2026 10:15:03',
    callback_url: '',
  };
}

export async function createStatusHarness(
  options: { env?: NodeJS.ProcessEnv; emulator?: EmulatorOptions } = {},
): Promise<StatusHarness> {
  const emulator = createEmulator({ processingDelayMs: 100, ...options.emulator });
  const { url: emulatorUrl } = await emulator.start(0);
  const db = await createTestDatabase();
  const port = await freePort();
  const config = loadConfig({ ...statusEnv(port, emulatorUrl), ...options.env });
  let running: RunningServer;
  try {
    running = await startServer(config, createSilentLogger(), { db });
  } catch (error) {
    await emulator.close();
    await db.close();
    throw error;
  }
  const { knex } = db;
  const auth = { Authorization: `Bearer ${API_KEY}` };

  return {
    url: running.url,
    config,
    db,
    emulator,

    async postInvoice(shopId) {
      const response = await request(running.url)
        .post('/api/v1/invoices')
        .set(auth)
        .send(invoiceBody(shopId));
      if (response.status !== 201) {
        throw new Error(`POST invoice: ${response.status} ${JSON.stringify(response.body)}`);
      }
      const row = await knex('documents').where({ shop_id: shopId, kind: 'invoice' }).first();
      return row.id as number;
    },

    async documentStatus(id) {
      const row = await knex('documents').where({ id }).first();
      return row.status as string;
    },

    transactions: (documentId) =>
      knex('transactions').where({ document_id: documentId }).orderBy('id'),

    async eventTypes(documentId) {
      const rows = await knex('events').where({ document_id: documentId }).orderBy('id');
      return rows.map((row: { type: string }) => row.type);
    },

    async waitFor(what, check, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },

    async close() {
      await running.shutdown('test over');
      await emulator.close();
      await db.close();
    },
  };
}
