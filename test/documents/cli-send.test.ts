import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { createDatabase, type Database } from '../../src/db/database';
import { createSilentLogger } from '../../src/logger';
import { createContext } from '../../src/main';
import { runKkm } from '../helpers/kkm-process';
import { createTestDatabase, testDatabaseUrl, testDatabaseUrlFor } from '../helpers/test-database';
import { invoiceBody, refundBody } from './shop-api-fixture';

// `kkm sell` and `kkm refund` as a shop operator runs them: child processes of the built CLI
// (`npm run build` first) on a database the test prepared, in sandbox mode (built-in emulator).

const settings = { AUTO_SEND_INVOICES: 'false', AUTO_SEND_REFUNDS: 'false' };

interface Target {
  env: NodeJS.ProcessEnv;
  open(): Promise<Database>;
  close(): Promise<void>;
}

/** PostgreSQL: a cloned test database. PGlite: a data folder, which one process opens at a time. */
async function createTarget(): Promise<Target> {
  if (testDatabaseUrl) {
    const db = await createTestDatabase();
    const { database } = (db.knex.client.config as { connection: { database: string } }).connection;
    const url = testDatabaseUrlFor(database);
    return { env: { DATABASE_URL: url }, open: async () => db, close: () => db.close() };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kkm-cli-'));
  let current: Database | undefined;
  return {
    env: { DATA_DIR: dataDir },
    async open() {
      current = await createDatabase({ dataDir });
      await current.knex.migrate.latest();
      return current;
    },
    async close() {
      await current?.close();
      current = undefined;
    },
  };
}

describe('kkm sell and kkm refund', () => {
  let target: Target;

  beforeAll(async () => {
    target = await createTarget();
    const db = await target.open();
    const config = loadConfig({ NODE_ENV: 'test', ...settings });
    const context = await createContext(config, createSilentLogger(), { db });
    try {
      await context.services.documents.accept('invoice', invoiceBody('CLI-1'), { actor: 'test' });
      await context.services.documents.accept('refund', refundBody('CLI-R1', 'CLI-1'), {
        actor: 'test',
      });
    } finally {
      await context.close();
      if (!testDatabaseUrl) await target.close();
    }
  });
  afterAll(() => target.close());

  const kkm = (...args: string[]) => runKkm(args, { ...target.env, ...settings });

  it('when a stored invoice is sold, then it is registered and printed as JSON', async () => {
    const result = await kkm('sell', 'CLI-1', '--json');

    expect(result.code).toBe(0);
    const view = JSON.parse(result.stdout);
    expect(view).toMatchObject({ kind: 'invoice', id: 'CLI-1', status: 'wait', operation: 'sell' });
    expect(view.transactions).toEqual([expect.objectContaining({ status: 'wait' })]);
  });

  it('when it is sold again while ATOL has it, then exit 2 says why', async () => {
    const again = await kkm('sell', 'CLI-1');

    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/waits for its result/);
  });

  it('when a stored refund is sent, then the human output names sell_refund', async () => {
    const result = await kkm('refund', 'CLI-R1');

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^refund CLI-R1 \(sell_refund, 1990\.00 RUB\): wait/);
    expect(result.stdout).toMatch(/ATOL uuid [0-9a-f-]{36}: wait/);
  });

  it('when the document does not exist, then exit 1 with one line', async () => {
    const result = await kkm('refund', 'NOPE');

    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n').pop()).toBe('kkm: No refund with id NOPE');
  });
});
