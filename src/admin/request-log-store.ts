import type { Knex } from 'knex';
import type { Page, PageRequest } from './admin-types';

/** One logged ATOL call, with the document it was made for (if any). */
export interface RequestLogEntry {
  id: number;
  createdAt: Date;
  method: string;
  url: string;
  action: string;
  httpStatus: number | null;
  durationMs: number;
  failed: boolean;
  error: string | null;
  request: unknown;
  response: unknown;
  document: { id: number; kind: string; shopId: string } | null;
}

export interface RequestLogFilter extends PageRequest {
  /** The shop's document id or order id, exactly. */
  document?: string | undefined;
  /** Our id of one document (links from a document page). */
  documentId?: number | undefined;
  /** Only calls that failed (no answer, or an error answer). */
  onlyFailed?: boolean | undefined;
}

export interface RequestLogStore {
  listRequests(filter: RequestLogFilter): Promise<Page<RequestLogEntry>>;
}

interface RequestLogRow {
  id: number;
  created_at: Date;
  method: string;
  url: string;
  action: string;
  http_status: number | null;
  duration_ms: number;
  failed: boolean;
  error: string | null;
  request: unknown;
  response: unknown;
  document_id: number | null;
  document_kind: string | null;
  document_shop_id: string | null;
}

function toEntry(row: RequestLogRow): RequestLogEntry {
  const document =
    row.document_id !== null && row.document_kind !== null && row.document_shop_id !== null
      ? { id: row.document_id, kind: row.document_kind, shopId: row.document_shop_id }
      : null;
  return {
    id: row.id,
    createdAt: row.created_at,
    method: row.method,
    url: row.url,
    action: row.action,
    httpStatus: row.http_status,
    durationMs: row.duration_ms,
    failed: row.failed,
    error: row.error,
    request: row.request,
    response: row.response,
    document,
  };
}

/**
 * Reads the atol_requests log for the admin pages (the ATOL client writes it, masked). Newest
 * first; one company only.
 */
export function createRequestLogStore(knex: Knex, companyKey: string): RequestLogStore {
  function filtered(filter: RequestLogFilter): Knex.QueryBuilder {
    const query = knex('atol_requests as r')
      .leftJoin('documents as d', 'd.id', 'r.document_id')
      .where('r.company_key', companyKey);
    const search = filter.document;
    if (search)
      query.where((match) => match.where('d.shop_id', search).orWhere('d.order_id', search));
    if (filter.documentId !== undefined) query.where('r.document_id', filter.documentId);
    if (filter.onlyFailed) query.where('r.failed', true);
    return query;
  }

  return {
    async listRequests(filter) {
      const counted = await filtered(filter).count<Array<{ count: string | number }>>('* as count');
      const rows: RequestLogRow[] = await filtered(filter)
        .select(
          ...['id', 'created_at', 'method', 'url', 'action', 'http_status', 'duration_ms'].map(
            (column) => `r.${column}`,
          ),
          ...['failed', 'error', 'request', 'response', 'document_id'].map((c) => `r.${c}`),
          'd.kind as document_kind',
          'd.shop_id as document_shop_id',
        )
        .orderBy('r.id', 'desc')
        .limit(filter.pageSize)
        .offset((filter.page - 1) * filter.pageSize);
      return { items: rows.map(toEntry), total: Number(counted[0]?.count ?? 0) };
    },
  };
}
