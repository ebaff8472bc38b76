import fs from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import type { Knex } from 'knex';
import { projectRoot } from '../paths';

/** One readiness check: `ok`, and a short reason when it is not. */
export interface ReadyCheck {
  ok: boolean;
  message?: string;
}

export interface ReadyState {
  ok: boolean;
  checks: Record<string, ReadyCheck>;
}

/** The service version from package.json, shown by /health and `kkm --version`. */
export const serviceVersion: string = (
  JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

/**
 * Ready when the database answers and has no pending migrations. The reason names what is wrong
 * without any driver text, because /ready is reachable without authentication.
 */
export async function checkDatabaseReady(knex: Knex): Promise<ReadyState> {
  try {
    await knex.raw('SELECT 1');
  } catch {
    return { ok: false, checks: { database: { ok: false, message: 'database unreachable' } } };
  }
  try {
    const [, pending] = (await knex.migrate.list()) as [unknown[], unknown[]];
    const migrations: ReadyCheck =
      pending.length === 0
        ? { ok: true }
        : { ok: false, message: `${pending.length} migration(s) pending: run kkm migrate up` };
    return { ok: migrations.ok, checks: { database: { ok: true }, migrations } };
  } catch {
    const migrations = { ok: false, message: 'migration state unreadable' };
    return { ok: false, checks: { database: { ok: true }, migrations } };
  }
}

export interface HealthRouteDeps {
  sandbox: boolean;
  ready: () => Promise<ReadyState>;
  health?: () => Record<string, unknown>;
}

/** GET /health: the process is alive. GET /ready: it can serve traffic (else 503). */
export function createHealthRouter(deps: HealthRouteDeps): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.json({
      status: 'ok',
      version: serviceVersion,
      sandbox: deps.sandbox,
      uptimeSeconds: Math.round(process.uptime()),
      ...deps.health?.(),
    });
  });
  router.get('/ready', async (_req, res) => {
    const state = await deps.ready().catch((): ReadyState => ({
      ok: false,
      checks: { ready: { ok: false, message: 'check failed' } },
    }));
    res.status(state.ok ? 200 : 503).json({ status: state.ok ? 'ready' : 'not_ready', ...state });
  });
  return router;
}
