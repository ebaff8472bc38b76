import request from 'supertest';
import type express from 'express';
import { loadConfig } from '../../src/config';
import type { Database } from '../../src/db/database';
import { ATOL_TEST_ACCOUNT } from '../../src/emulator';
import { createSilentLogger } from '../../src/logger';
import { AppContext, buildServer, createContext } from '../../src/main';
import { createTestDatabase } from '../helpers/test-database';
import { ADMIN } from './admin-fixtures';

export const API_KEY = 'admin-test-shop-key-0123456789';

export interface AdminTestApp {
  app: express.Express;
  db: Database;
  context: AppContext;
  close(): Promise<void>;
}

/**
 * The real app as src/main.ts composes it (shop API, fiscal core, admin pages) on a fresh test
 * database. No workers run and nothing listens, so nothing reaches ATOL: a manual send only
 * queues its attempt, which is what the tests look for.
 */
export async function createAdminTestApp(env: NodeJS.ProcessEnv = {}): Promise<AdminTestApp> {
  const db = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    SHOP_API_KEYS: API_KEY,
    ADMIN_USER: ADMIN.user,
    ADMIN_PASSWORD: ADMIN.password,
    // Not sandbox mode (it would start an emulator): ATOL's public test account on a closed port.
    ATOL_BASE_URL: 'http://127.0.0.1:9',
    ATOL_LOGIN: ATOL_TEST_ACCOUNT.login,
    ATOL_PASSWORD: ATOL_TEST_ACCOUNT.password,
    ATOL_GROUP_CODE: ATOL_TEST_ACCOUNT.groupCode,
    COMPANY_INN: '5544332219',
    COMPANY_PAYMENT_ADDRESS: 'https://v4.online.atol.ru',
    COMPANY_EMAIL: 'shop@example.org',
    AUTO_SEND_INVOICES: 'false',
    ...env,
  });
  const context = await createContext(config, createSilentLogger(), { db });
  const { app } = buildServer(context, () => false);
  return {
    app,
    db,
    context,
    close: async () => {
      await context.close();
      await db.close();
    },
  };
}

/** Posts an invoice through the shop API (stored, not sent: auto-send is off); our id back. */
export async function postInvoice(
  fixture: AdminTestApp,
  id: string,
  itemName = 'Электрический чайник',
): Promise<number> {
  const response = await request(fixture.app)
    .post('/api/v1/invoices')
    .set('Authorization', `Bearer ${API_KEY}`)
    .send({
      id,
      orderId: `order-${id}`,
      customer: { email: 'buyer@example.org' },
      items: [{ name: itemName, price: 1990, quantity: 2, vat: 'vat22' }],
      total: 3980,
    });
  if (response.status !== 201) throw new Error(`POST invoice: ${response.status} ${response.text}`);
  const row = await fixture.db.knex('documents').where({ kind: 'invoice', shop_id: id }).first();
  return Number(row.id);
}
