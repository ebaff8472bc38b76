import type { Knex } from 'knex';
import type { AtolRequestLogEntry } from './atol-types';

/** A stored row of the ATOL request log. */
export interface AtolRequestLogRow extends AtolRequestLogEntry {
  id: number;
  createdAt: Date;
}

export interface AtolRequestLogStore {
  /** Writes one exchange; the entry comes masked from the client (see AtolRequestLogEntry). */
  record(entry: AtolRequestLogEntry): Promise<void>;
  /** Newest first; `documentId` narrows to one document's exchanges. */
  list(filter?: {
    documentId?: number;
    companyKey?: string;
    limit?: number;
  }): Promise<AtolRequestLogRow[]>;
}

interface DbRow {
  id: number;
  company_key: string;
  document_id: number | null;
  attempt_id: number | null;
  method: 'GET' | 'POST';
  url: string;
  action: AtolRequestLogEntry['action'];
  http_status: number | null;
  duration_ms: number;
  request: unknown;
  response: unknown;
  error: string | null;
  failed: boolean;
  created_at: Date;
}

// jsonb columns take JSON text: a bare string or array would otherwise reach pg unquoted.
function toJson(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

function fromRow(row: DbRow): AtolRequestLogRow {
  const entry: AtolRequestLogRow = {
    id: row.id,
    companyKey: row.company_key,
    method: row.method,
    url: row.url,
    action: row.action,
    durationMs: row.duration_ms,
    failed: row.failed,
    createdAt: row.created_at,
  };
  if (row.document_id !== null) entry.documentId = row.document_id;
  if (row.attempt_id !== null) entry.attemptId = row.attempt_id;
  if (row.http_status !== null) entry.httpStatus = row.http_status;
  if (row.request !== null) entry.request = row.request;
  if (row.response !== null) entry.response = row.response;
  if (row.error !== null) entry.error = row.error;
  return entry;
}

/** The `atol_requests` table: every call to ATOL, masked (password, token, buyer contacts). */
export function createAtolRequestLogStore(knex: Knex): AtolRequestLogStore {
  return {
    async record(entry) {
      await knex('atol_requests').insert({
        company_key: entry.companyKey,
        document_id: entry.documentId ?? null,
        attempt_id: entry.attemptId ?? null,
        method: entry.method,
        url: entry.url,
        action: entry.action,
        http_status: entry.httpStatus ?? null,
        duration_ms: Math.round(entry.durationMs),
        request: toJson(entry.request),
        response: toJson(entry.response),
        error: entry.error ?? null,
        failed: entry.failed,
      });
    },

    async list(filter = {}) {
      const query = knex<DbRow>('atol_requests')
        .orderBy('id', 'desc')
        .limit(filter.limit ?? 100);
      if (filter.documentId !== undefined) query.where('document_id', filter.documentId);
      if (filter.companyKey !== undefined) query.where('company_key', filter.companyKey);
      const rows = (await query) as DbRow[];
      return rows.map(fromRow);
    },
  };
}
