import path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import knexFactory, { Knex } from 'knex';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import type { Logger } from '../logger/logger';
import { lockDataDir, DirLock } from './pglite-lock';
import { migrationSource } from '../../migrations';

// Both databases go through node-postgres' type parsers, so they return the same types. bigint
// (int8) carries kopecks and ids: every value we store is far below 2^53, so it is read as a
// number instead of pg's default string.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number.parseInt(value, 10));

export type DatabaseKind = 'postgres' | 'pglite';

export interface Database {
  knex: Knex;
  kind: DatabaseKind;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL URL; absent means embedded PGlite. */
  url?: string | undefined;
  /** Folder for PGlite's files, or `memory://` for a throwaway in-memory database. */
  dataDir?: string;
  poolMin?: number;
  poolMax?: number;
  /** Where knex's own messages go (connection errors, deprecations); default: the console. */
  logger?: Logger;
}

/** knex's messages through our logger, so they are structured and masked like every line. */
function knexLog(logger: Logger | undefined): { log?: Knex.Logger } {
  if (!logger) return {};
  const log = logger.child({ module: 'db' });
  return {
    log: {
      warn: (message: unknown) => log.warn(`knex: ${String(message)}`),
      error: (message: unknown) => log.error(`knex: ${String(message)}`),
      deprecate: (method: string, alternative: string) =>
        log.warn(`knex: ${method} is deprecated, use ${alternative}`),
      debug: (message: unknown) => log.debug(`knex: ${String(message)}`),
    },
  };
}

const migrationsConfig: Knex.MigratorConfig = {
  migrationSource,
  tableName: 'knex_migrations',
};

/** Opens PostgreSQL when a URL is given, embedded PGlite otherwise. */
export async function createDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url, options);
  return openPglite(options.dataDir ?? './data', options.logger);
}

function openPostgres(url: string, options: DatabaseOptions): Database {
  const knex = knexFactory({
    client: 'pg',
    connection: url,
    pool: { min: options.poolMin ?? 0, max: options.poolMax ?? 10 },
    migrations: migrationsConfig,
    ...knexLog(options.logger),
  });
  return { knex, kind: 'postgres', close: () => knex.destroy() };
}

/**
 * PGlite runs in our thread and answers through promises alone, so a queue of statements runs
 * from one microtask to the next and the event loop reads no socket until it is empty: under
 * a burst of requests even /health and ATOL's callbacks waited 20 s (the emulator gives a
 * callback 5 s). Yielding before each protocol message lets the server read its sockets in
 * between.
 */
function yieldBeforeEachMessage(pglite: PGlite): void {
  const execute = pglite.execProtocolStream.bind(pglite);
  pglite.execProtocolStream = async (...args: Parameters<typeof execute>) => {
    await yieldToEventLoop();
    return execute(...args);
  };
}

async function openPglite(dataDir: string, logger: Logger | undefined): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  const lock: DirLock | undefined = inMemory ? undefined : lockDataDir(path.resolve(dataDir));
  try {
    const pglite = new PGlite(inMemory ? dataDir : path.resolve(dataDir, 'pgdata'));
    await pglite.waitReady;
    yieldBeforeEachMessage(pglite);
    const pgConfig = createPgConfig(pglite);
    // One connection: PGlite is a single session. A function keeps knex from deep-cloning the
    // config object, which holds the PGlite instance.
    const knex = knexFactory({
      client: 'pg',
      connection: () => pgConfig as unknown as Knex.PgConnectionConfig,
      pool: { min: 1, max: 1, idleTimeoutMillis: 2 ** 31 - 1 },
      migrations: migrationsConfig,
      ...knexLog(logger),
    });
    const close = async (): Promise<void> => {
      await knex.destroy();
      await pglite.close();
      lock?.release();
    };
    return { knex, kind: 'pglite', close };
  } catch (error) {
    lock?.release();
    throw error;
  }
}
