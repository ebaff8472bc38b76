import type { Knex } from 'knex';

// Read-only views of the fiscal core's tables for one document, for the shop API's GET. The
// schema (migrations/) is the contract between the areas, so reading it here keeps the GET
// independent of the fiscal core's internal types; every write stays in src/fiscal,
// except a document's first attempt, which the accept statement (accept-statement.ts) stores
// with the document exactly as the fiscal core plans it.

/** An attempt row as the shop API shows it. */
export interface AttemptRecord {
  id: number;
  operation: string;
  externalId: string;
  generation: number;
  apiVersion: number;
  status: string;
  tries: number;
  httpStatus: number | null;
  durationMs: number | null;
  error: unknown;
  nextTryAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A transaction row as the shop API shows it; `payload` is ATOL's fiscal data (§5.2). */
export interface TransactionRecord {
  id: number;
  attemptId: number;
  uuid: string;
  externalId: string;
  operation: string;
  status: string;
  payload: Record<string, unknown> | null;
  error: unknown;
  errorClass: string | null;
  resultSource: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/** One entry of a document's history. */
export interface EventRecord {
  id: number;
  type: string;
  message: string;
  data: unknown;
  actor: string | null;
  createdAt: Date;
}

export interface DocumentHistory {
  attempts: AttemptRecord[];
  transactions: TransactionRecord[];
  events: EventRecord[];
}

export interface DocumentHistoryStore {
  /** Attempts, transactions and events of one document, oldest first. */
  historyOf(documentId: number, db?: Db): Promise<DocumentHistory>;
  /** The newest transaction of each given document (list pages show its status). */
  lastTransactions(documentIds: number[], db?: Db): Promise<Map<number, TransactionRecord>>;
}

type Row = Record<string, unknown>;
type Db = Knex | Knex.Transaction;

const asNumber = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const asText = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const asDate = (value: unknown): Date | null => (value instanceof Date ? value : null);

/** An attempts row as the shop API shows it. */
export function attemptRecordOf(row: Row): AttemptRecord {
  return {
    id: Number(row.id),
    operation: String(row.operation),
    externalId: String(row.external_id),
    generation: Number(row.generation),
    apiVersion: Number(row.api_version),
    status: String(row.status),
    tries: Number(row.tries),
    httpStatus: asNumber(row.http_status),
    durationMs: asNumber(row.duration_ms),
    error: row.error ?? null,
    nextTryAt: asDate(row.next_try_at),
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
  };
}

function toTransaction(row: Row): TransactionRecord {
  const payload = row.payload;
  return {
    id: Number(row.id),
    attemptId: Number(row.attempt_id),
    uuid: String(row.uuid),
    externalId: String(row.external_id),
    operation: String(row.operation),
    status: String(row.status),
    payload:
      payload !== null && typeof payload === 'object' ? (payload as Record<string, unknown>) : null,
    error: row.error ?? null,
    errorClass: asText(row.error_class),
    resultSource: asText(row.result_source),
    createdAt: row.created_at as Date,
    finishedAt: asDate(row.finished_at),
  };
}

/** An events row as the shop API shows it. */
export function eventRecordOf(row: Row): EventRecord {
  return {
    id: Number(row.id),
    type: String(row.type),
    message: String(row.message),
    data: row.data ?? null,
    actor: asText(row.actor),
    createdAt: row.created_at as Date,
  };
}

/** Reads a document's attempts, transactions and events. */
export function createDocumentHistoryStore(knex: Knex): DocumentHistoryStore {
  return {
    async historyOf(documentId, db = knex) {
      const attempts = await db('attempts').where('document_id', documentId).orderBy('id');
      const transactions = await db('transactions').where('document_id', documentId).orderBy('id');
      const events = await db('events').where('document_id', documentId).orderBy('id');
      return {
        attempts: (attempts as Row[]).map(attemptRecordOf),
        transactions: (transactions as Row[]).map(toTransaction),
        events: (events as Row[]).map(eventRecordOf),
      };
    },

    async lastTransactions(documentIds, db = knex) {
      const result = new Map<number, TransactionRecord>();
      if (documentIds.length === 0) return result;
      const rows: Row[] = await db('transactions')
        .whereIn('document_id', documentIds)
        .orderBy('id');
      for (const row of rows) result.set(Number(row.document_id), toTransaction(row));
      return result;
    },
  };
}
