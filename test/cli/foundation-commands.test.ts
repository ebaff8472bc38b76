import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../src/db/database';
import { runKkm } from '../helpers/kkm-process';
import { createTestDatabase, testDatabaseUrl, testDatabaseUrlFor } from '../helpers/test-database';

// Child processes start slowly on a busy machine (the whole suite runs two workers at once).
const PROCESS_TIMEOUT_MS = 180_000;

describe('kkm config check', () => {
  it(
    'when the configuration is valid, then it prints it with secrets masked and exits 0',
    async () => {
      const result = await runKkm(['config', 'check'], {
        CALLBACK_SECRET: 'callback-secret-value-1',
        SHOP_API_KEYS: 'shop-key-value-1,shop-key-value-2',
        DATABASE_URL: 'postgres://kkm:db-password-1@db:5432/kkm',
      });

      expect(result.code).toBe(0);
      expect(result.stdout).toContain('atol.sandbox = true');
      expect(result.stdout).toContain('databaseUrl = postgres://kkm:********@db:5432/kkm');
      for (const secret of ['callback-secret-value-1', 'shop-key-value-1', 'db-password-1']) {
        expect(result.stdout).not.toContain(secret);
      }
    },
    PROCESS_TIMEOUT_MS,
  );

  it(
    'when the configuration has problems, then each is printed and the exit code is 1',
    async () => {
      const result = await runKkm(['config', 'check'], { NODE_ENV: 'production', LOG_LEVEL: 'x' });

      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/LOG_LEVEL: must be one of/);
      expect(result.stderr).toMatch(/CALLBACK_SECRET: is required when NODE_ENV=production/);
    },
    PROCESS_TIMEOUT_MS,
  );
});

describe('kkm migrate', () => {
  let db: Database | undefined;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    if (!testDatabaseUrl) {
      // On PGlite each command opens the folder itself, as it would on a laptop.
      env = { DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'kkm-migrate-')) };
      return;
    }
    db = await createTestDatabase({ migrate: false });
    const name = (await db.knex.raw('SELECT current_database() AS name')).rows[0].name;
    env = { DATABASE_URL: testDatabaseUrlFor(name) };
  });
  afterAll(async () => {
    await db?.close();
    if (env.DATA_DIR) fs.rmSync(env.DATA_DIR, { recursive: true, force: true });
  });

  it(
    'when migrations are applied, then status lists every one as applied',
    async () => {
      const up = await runKkm(['migrate', 'up'], env);
      expect(up).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Batch 1: applied /) });

      const status = await runKkm(['migrate', 'status', '--json'], env);
      expect(status.code).toBe(0);
      const listed = JSON.parse(status.stdout) as { applied: string[]; pending: string[] };
      expect(listed.pending).toEqual([]);
      expect(listed.applied[0]).toBe('20261203160000_create_documents');
    },
    2 * PROCESS_TIMEOUT_MS,
  );
});

describe('kkm update in sandbox mode', () => {
  it(
    'when no ATOL credentials are set, then it refuses before opening anything and says what to use',
    async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kkm-update-sandbox-'));
      try {
        const result = await runKkm(['update', 'all'], { DATA_DIR: dataDir });

        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(/in sandbox mode .* knows none of the receipts/);
        expect(result.stderr).toContain('/refresh');
        expect(fs.readdirSync(dataDir)).toEqual([]);
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
    PROCESS_TIMEOUT_MS,
  );
});
