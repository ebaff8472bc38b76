import crypto from 'node:crypto';
import knexFactory from 'knex';
import { createDatabase, type Database } from '../src/db/database';

/** A scenario's own database, migrated; `close` drops it (PostgreSQL) or discards it (PGlite). */
export interface BenchDatabase extends Database {
  /** The URL a second pool (the baseline's) can connect with; PGlite has none. */
  url?: string;
  /** e.g. "PostgreSQL 16.4" or "PGlite 0.5.16 (PostgreSQL 17)". */
  version: string;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function admin(url: string, sql: string): Promise<void> {
  const knex = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
  try {
    await knex.raw(sql);
  } finally {
    await knex.destroy();
  }
}

async function versionOf(db: Database): Promise<string> {
  const result = await db.knex.raw<{ rows: Array<{ version: string }> }>('SELECT version()');
  const full = result.rows[0]?.version ?? 'unknown';
  const short = /^PostgreSQL [\d.]+/.exec(full)?.[0] ?? full;
  return db.kind === 'pglite' ? `PGlite (${short})` : short;
}

/**
 * On PostgreSQL (a server URL given) a fresh database named kkm_bench_<random> is created and
 * dropped again on close; otherwise an in-memory PGlite. Either way it is migrated.
 */
export async function createBenchDatabase(
  serverUrl: string | undefined,
  poolMax = 10,
): Promise<BenchDatabase> {
  if (!serverUrl) {
    const db = await createDatabase({ dataDir: 'memory://' });
    await db.knex.migrate.latest();
    return { ...db, version: await versionOf(db) };
  }
  const name = `kkm_bench_${crypto.randomBytes(5).toString('hex')}`;
  await admin(serverUrl, `CREATE DATABASE ${name}`);
  const url = withDatabase(serverUrl, name);
  const db = await createDatabase({ url, poolMax });
  try {
    await db.knex.migrate.latest();
    return {
      ...db,
      url,
      version: await versionOf(db),
      close: async () => {
        await db.close();
        await admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  } catch (error) {
    await db.close();
    await admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    throw error;
  }
}
