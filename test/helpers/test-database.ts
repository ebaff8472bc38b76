import crypto from 'node:crypto';
import knexFactory from 'knex';
import { createDatabase, Database } from '../../src/db/database';

/** The database the tests run on: PostgreSQL when DATABASE_URL is set, PGlite otherwise. */
export const testDatabaseUrl = process.env.DATABASE_URL;

/**
 * The migrated template of this test run. Each run (see test/global-setup.js) has its own, so
 * two runs at once on one server never drop each other's template. test/global-teardown.js
 * drops it (and spells the same name).
 */
function templateNameFor(runId: string | undefined): string {
  return `kkm_tpl_${(runId ?? 'default').toLowerCase().replace(/[^a-z0-9]/g, '_')}`;
}

const templateName = templateNameFor(process.env.KKM_TEST_RUN_ID);

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function adminQuery<T>(
  url: string,
  run: (knex: ReturnType<typeof knexFactory>) => Promise<T>,
): Promise<T> {
  const knex = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
  try {
    return await run(knex);
  } finally {
    await knex.destroy();
  }
}

/** Builds this run's migrated template once; jest workers race for it, hence the lock. */
async function ensureTemplate(url: string): Promise<void> {
  await adminQuery(url, async (admin) => {
    // The admin pool has one connection, so the session lock and the statements share it.
    await admin.raw('SELECT pg_advisory_lock(424242)');
    try {
      const row = await admin.raw('SELECT 1 FROM pg_database WHERE datname = ?', [templateName]);
      if (row.rows.length > 0) return;
      await admin.raw(`CREATE DATABASE ${templateName}`);
      const db = await createDatabase({ url: withDatabase(url, templateName) });
      try {
        await db.knex.migrate.latest();
      } finally {
        await db.close();
      }
    } finally {
      await admin.raw('SELECT pg_advisory_unlock(424242)');
    }
  });
}

/**
 * A fresh, migrated database for one test file. On PostgreSQL it is cloned from a migrated
 * template and dropped on close; on PGlite it lives in memory.
 */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<Database> {
  const migrate = options.migrate ?? true;
  if (!testDatabaseUrl) {
    const db = await createDatabase({ dataDir: 'memory://' });
    if (migrate) await db.knex.migrate.latest();
    return db;
  }

  const name = `kkm_test_${crypto.randomBytes(6).toString('hex')}`;
  if (migrate) await ensureTemplate(testDatabaseUrl);
  await adminQuery(testDatabaseUrl, (admin) =>
    admin.raw(
      migrate ? `CREATE DATABASE ${name} TEMPLATE ${templateName}` : `CREATE DATABASE ${name}`,
    ),
  );
  const db = await createDatabase({ url: withDatabase(testDatabaseUrl, name), poolMax: 10 });
  return {
    ...db,
    close: async () => {
      await db.close();
      await adminQuery(testDatabaseUrl, (admin) => admin.raw(`DROP DATABASE ${name} WITH (FORCE)`));
    },
  };
}

/** The URL of a database created by createTestDatabase, for child processes. */
export function testDatabaseUrlFor(name: string): string | undefined {
  return testDatabaseUrl ? withDatabase(testDatabaseUrl, name) : undefined;
}
