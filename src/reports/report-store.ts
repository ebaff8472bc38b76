import type { Knex } from 'knex';
import type { DocumentKind } from './report-types';

export interface StatusRow {
  kind: DocumentKind;
  status: string;
  count: number;
  kopecks: number;
}

export interface FailureRow {
  id: number;
  kind: DocumentKind;
  shop_id: string;
  order_id: string | null;
  operation: string | null;
  attempt_error: unknown;
  attempt_at: Date | null;
  transaction_error: unknown;
  error_class: string | null;
  transaction_at: Date | null;
  tries: number | null;
  last_try_at: Date | null;
}

export interface StuckRow {
  id: number;
  kind: DocumentKind;
  shop_id: string;
  order_id: string | null;
  uuid: string;
  waiting_since: Date;
}

export interface PeriodQuery {
  companyKey: string;
  start: Date;
  end: Date;
}

/** Read-only queries behind the report; every figure is an SQL aggregate. */
export interface ReportStore {
  countByStatus(query: PeriodQuery): Promise<StatusRow[]>;
  listFailures(query: PeriodQuery, limit: number): Promise<FailureRow[]>;
  countStuck(companyKey: string, waitingBefore: Date): Promise<number>;
  listStuck(companyKey: string, waitingBefore: Date, limit: number): Promise<StuckRow[]>;
}

// Served by documents_report_idx (company_key, created_at) INCLUDE (kind, status, total_kopecks).
const countByStatusSql = `
  SELECT kind, status, count(*) AS count, coalesce(sum(total_kopecks), 0)::bigint AS kopecks
  FROM documents
  WHERE company_key = :companyKey AND created_at >= :start AND created_at < :end
  GROUP BY kind, status`;

const listFailuresSql = `
  SELECT d.id, d.kind, d.shop_id, d.order_id,
         a.operation, a.error AS attempt_error, a.updated_at AS attempt_at,
         t.error AS transaction_error, t.error_class, t.updated_at AS transaction_at,
         tries.total AS tries, tries.last_try_at
  FROM documents d
  LEFT JOIN LATERAL (
    SELECT operation, error, updated_at FROM attempts
    WHERE document_id = d.id ORDER BY id DESC LIMIT 1
  ) a ON true
  LEFT JOIN LATERAL (
    SELECT error, error_class, updated_at FROM transactions
    WHERE document_id = d.id ORDER BY id DESC LIMIT 1
  ) t ON true
  LEFT JOIN LATERAL (
    SELECT sum(tries)::bigint AS total, max(updated_at) AS last_try_at FROM attempts
    WHERE document_id = d.id
  ) tries ON true
  WHERE d.company_key = :companyKey AND d.status = 'failed'
    AND d.created_at >= :start AND d.created_at < :end
  ORDER BY d.created_at, d.id
  LIMIT :limit`;

// A document in `wait` has exactly one transaction in `wait`: the one ATOL has not finished.
// Served by transactions_waiting_since_idx (company_key, created_at) WHERE status = 'wait'.
const stuckFrom = `
  FROM transactions t
  JOIN documents d ON d.id = t.document_id
  WHERE t.company_key = :companyKey AND t.status = 'wait' AND t.created_at < :waitingBefore
    AND d.status = 'wait'`;

export function createReportStore(knex: Knex): ReportStore {
  return {
    async countByStatus(query) {
      const result = await knex.raw<{ rows: StatusRow[] }>(countByStatusSql, { ...query });
      return result.rows;
    },

    async listFailures(query, limit) {
      const result = await knex.raw<{ rows: FailureRow[] }>(listFailuresSql, { ...query, limit });
      return result.rows;
    },

    async countStuck(companyKey, waitingBefore) {
      const sql = `SELECT count(*) AS count ${stuckFrom}`;
      const result = await knex.raw<{ rows: Array<{ count: number }> }>(sql, {
        companyKey,
        waitingBefore,
      });
      return result.rows[0]?.count ?? 0;
    },

    async listStuck(companyKey, waitingBefore, limit) {
      const sql = `
        SELECT d.id, d.kind, d.shop_id, d.order_id, t.uuid, t.created_at AS waiting_since
        ${stuckFrom}
        ORDER BY t.created_at, t.id
        LIMIT :limit`;
      const result = await knex.raw<{ rows: StuckRow[] }>(sql, {
        companyKey,
        waitingBefore,
        limit,
      });
      return result.rows;
    },
  };
}
