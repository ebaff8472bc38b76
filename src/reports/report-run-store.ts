import type { Knex } from 'knex';

/** The scheduled reports; each has one report_runs row per company and period. */
export type ScheduledReport = 'daily' | 'weekly';

/** sending (claimed) → sent | skipped (empty period) | failed (retried while tries remain). */
export type ReportRunStatus = 'sending' | 'sent' | 'skipped' | 'failed';

export interface ReportRun {
  id: number;
  companyKey: string;
  report: ScheduledReport;
  periodStart: Date;
  periodEnd: Date;
  status: ReportRunStatus;
  tries: number;
  error: string | null;
}

interface ReportRunRow {
  id: number;
  company_key: string;
  report: ScheduledReport;
  period_start: Date;
  period_end: Date;
  status: ReportRunStatus;
  tries: number;
  error: string | null;
}

export interface ClaimRequest {
  companyKey: string;
  report: ScheduledReport;
  periodStart: Date;
  periodEnd: Date;
  owner: string;
  now: Date;
  /** How long the claim holds; an owner that dies mid-send is replaced after it. */
  leaseMs: number;
  maxTries: number;
}

export interface ReportRunStore {
  /** The run for this period if this owner may send it now: new, failed and due, or stale. */
  claim(request: ClaimRequest): Promise<ReportRun | undefined>;
  finish(run: ReportRun, owner: string, status: 'sent' | 'skipped', now: Date): Promise<void>;
  /** Records a failed send; `retryAt` is the earliest next try (kept in locked_until). */
  fail(run: ReportRun, owner: string, error: string, retryAt: Date): Promise<void>;
  /** Earlier runs of this report left failed or stale with tries remaining. */
  listUnfinished(
    companyKey: string,
    report: ScheduledReport,
    maxTries: number,
  ): Promise<ReportRun[]>;
}

function toRun(row: ReportRunRow): ReportRun {
  return {
    id: row.id,
    companyKey: row.company_key,
    report: row.report,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    status: row.status,
    tries: row.tries,
    error: row.error,
  };
}

// One statement, so two instances cannot both win: the loser of the insert race waits for the
// winner's row and then finds it `sending` with a live lease. A failed run keeps its earliest
// retry time in locked_until, so the same condition covers "failed and due" and "stale".
const claimSql = `
  INSERT INTO report_runs
    (company_key, report, period_start, period_end, status, tries, locked_by, locked_until,
     created_at, updated_at)
  VALUES (:companyKey, :report, :periodStart, :periodEnd, 'sending', 1, :owner, :lockedUntil,
          :now, :now)
  ON CONFLICT (company_key, report, period_start) DO UPDATE
  SET status = 'sending', tries = report_runs.tries + 1, locked_by = EXCLUDED.locked_by,
      locked_until = EXCLUDED.locked_until, updated_at = EXCLUDED.updated_at
  WHERE report_runs.status IN ('sending', 'failed') AND report_runs.locked_until <= :now
    AND report_runs.tries < :maxTries
  RETURNING *`;

export function createReportRunStore(knex: Knex): ReportRunStore {
  const owned = (run: ReportRun, owner: string): Knex.QueryBuilder =>
    knex('report_runs').where({ id: run.id, locked_by: owner, status: 'sending' });

  return {
    async claim(request) {
      const { leaseMs, ...fields } = request;
      const lockedUntil = new Date(request.now.getTime() + leaseMs);
      const result = await knex.raw<{ rows: ReportRunRow[] }>(claimSql, { ...fields, lockedUntil });
      const row = result.rows[0];
      return row ? toRun(row) : undefined;
    },

    async finish(run, owner, status, now) {
      await owned(run, owner).update({
        status,
        error: null,
        locked_by: null,
        locked_until: null,
        sent_at: status === 'sent' ? now : null,
        updated_at: now,
      });
    },

    async fail(run, owner, error, retryAt) {
      await owned(run, owner).update({
        status: 'failed',
        error: error.slice(0, 2000),
        locked_by: null,
        locked_until: retryAt,
        updated_at: knex.fn.now(),
      });
    },

    async listUnfinished(companyKey, report, maxTries) {
      const rows: ReportRunRow[] = await knex('report_runs')
        .where({ company_key: companyKey, report })
        .whereIn('status', ['sending', 'failed'])
        .andWhere('tries', '<', maxTries)
        .orderBy('period_start');
      return rows.map(toRun);
    },
  };
}
