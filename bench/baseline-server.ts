import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pg from 'pg';
import { createDrain } from '../src/server';
import type { BenchDatabase } from './bench-database';

/** The yardstick: a bare Express endpoint that INSERTs the posted body, nothing else. */
export interface BaselineServer {
  url: string;
  path: string;
  close(): Promise<void>;
}

/**
 * Listens on a loopback port with `POST /baseline`: parse the JSON body, INSERT it into
 * bench_baseline in the same database, answer 201 with the new id. On PostgreSQL it uses its
 * own pg pool of the service's size; on PGlite, the one in-process session through knex.
 */
export async function startBaselineServer(
  db: BenchDatabase,
  poolMax = 10,
): Promise<BaselineServer> {
  await db.knex.raw(
    `CREATE TABLE IF NOT EXISTS bench_baseline (
       id bigserial PRIMARY KEY,
       body jsonb NOT NULL,
       created_at timestamptz NOT NULL DEFAULT now())`,
  );
  const sql = 'INSERT INTO bench_baseline (body) VALUES ($1) RETURNING id';
  const pool = db.url ? new pg.Pool({ connectionString: db.url, max: poolMax }) : undefined;
  const insert = async (body: unknown): Promise<unknown> => {
    if (pool) return (await pool.query(sql, [JSON.stringify(body)])).rows[0]?.id;
    const result = await db.knex.raw<{ rows: Array<{ id: number }> }>(
      'INSERT INTO bench_baseline (body) VALUES (?) RETURNING id',
      [JSON.stringify(body)],
    );
    return result.rows[0]?.id;
  };

  const app = express();
  app.use(express.json({ limit: '1mb' }));
  app.post('/baseline', async (req, res) => {
    res.status(201).json({ id: await insert(req.body) });
  });
  const server = http.createServer(app);
  const drain = createDrain(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    path: '/baseline',
    async close() {
      if (!server.listening) return;
      await drain(30_000);
      await pool?.end();
    },
  };
}
