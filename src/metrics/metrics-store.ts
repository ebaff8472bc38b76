import type { Knex } from 'knex';

/** The send queue at one moment: attempts by state, and how late the oldest due one is. */
export interface QueueFigures {
  /** `new` attempts whose next try is due now. */
  due: number;
  /** `new` attempts waiting for a later try (a retry after a failure, a delayed send). */
  scheduled: number;
  /** Attempts claimed by a worker, their HTTP call to ATOL in flight. */
  sending: number;
  /** Seconds since the oldest due attempt became due; 0 when nothing is due. */
  oldestDueSeconds: number;
}

/** Transactions registered at ATOL whose result has not come yet. */
export interface WaitingFigures {
  waiting: number;
  /** Seconds since the oldest waiting transaction was registered; 0 when none waits. */
  oldestWaitingSeconds: number;
}

/** The figures the metrics endpoint reads from the database at scrape time. */
export interface MetricsStore {
  queue(): Promise<QueueFigures>;
  waiting(companyKey: string): Promise<WaitingFigures>;
}

// Each subquery is answered from one partial index (attempts_due_idx, attempts_stale_idx):
// a scrape reads only the rows in the queue, never the whole attempts table. The queue is
// shared by every company in the database, as the worker's claim is.
const queueSql = `
  SELECT
    (SELECT count(*) FROM attempts WHERE status = 'new' AND next_try_at <= now()) AS due,
    (SELECT count(*) FROM attempts WHERE status = 'new' AND next_try_at > now()) AS scheduled,
    (SELECT count(*) FROM attempts WHERE status = 'sending') AS sending,
    (SELECT coalesce(extract(epoch FROM now() - min(next_try_at)), 0)
       FROM attempts WHERE status = 'new' AND next_try_at <= now()) AS oldest_due_seconds`;

// Served by transactions_waiting_since_idx (company_key, created_at) WHERE status = 'wait'.
const waitingSql = `
  SELECT count(*) AS waiting,
         coalesce(extract(epoch FROM now() - min(created_at)), 0) AS oldest_waiting_seconds
  FROM transactions
  WHERE company_key = ? AND status = 'wait'`;

interface QueueRow {
  due: number;
  scheduled: number;
  sending: number;
  oldest_due_seconds: string | number;
}

interface WaitingRow {
  waiting: number;
  oldest_waiting_seconds: string | number;
}

/** Reads the queue and waiting figures; read-only, a few index scans per scrape. */
export function createMetricsStore(knex: Knex): MetricsStore {
  return {
    async queue() {
      const result = await knex.raw<{ rows: QueueRow[] }>(queueSql);
      const row = result.rows[0];
      return {
        due: Number(row?.due ?? 0),
        scheduled: Number(row?.scheduled ?? 0),
        sending: Number(row?.sending ?? 0),
        oldestDueSeconds: Math.max(0, Number(row?.oldest_due_seconds ?? 0)),
      };
    },

    async waiting(companyKey) {
      const result = await knex.raw<{ rows: WaitingRow[] }>(waitingSql, [companyKey]);
      const row = result.rows[0];
      return {
        waiting: Number(row?.waiting ?? 0),
        oldestWaitingSeconds: Math.max(0, Number(row?.oldest_waiting_seconds ?? 0)),
      };
    },
  };
}
