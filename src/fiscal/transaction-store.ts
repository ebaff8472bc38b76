import type { Knex } from 'knex';
import type { AtolError, AtolOperation, FiscalPayload } from '../atol/atol-types';
import { secondsFromNow } from './attempt-store';
import type {
  FiscalTransaction,
  ResultSource,
  TransactionErrorClass,
  TransactionStatus,
} from './fiscal-types';

type Db = Knex | Knex.Transaction;

/** A receipt ATOL registered (or reported as a duplicate), waiting for its result. */
export interface NewTransaction {
  companyKey: string;
  documentId: number;
  attemptId: number;
  uuid: string;
  externalId: string;
  operation: AtolOperation;
  /** Seconds from now until the poller first asks for the result. */
  firstPollInSeconds: number;
}

/** A final result as a report or a callback gave it. */
export type FinalResult =
  | { status: 'done'; payload: FiscalPayload; report: unknown; source: ResultSource }
  | {
      status: 'fail';
      error: AtolError;
      errorClass: TransactionErrorClass;
      report: unknown;
      source: ResultSource;
    };

export interface TransactionStore {
  /** Inserts a `wait` transaction; false when one with this uuid already exists. */
  insertWait(trx: Db, transaction: NewTransaction): Promise<boolean>;
  findByUuid(uuid: string, db?: Db): Promise<FiscalTransaction | undefined>;
  findByAttempt(attemptId: number, db?: Db): Promise<FiscalTransaction | undefined>;
  latestForDocument(documentId: number, db?: Db): Promise<FiscalTransaction | undefined>;
  listForDocument(documentId: number, db?: Db): Promise<FiscalTransaction[]>;
  /**
   * Moves a `wait` transaction to its final status. Undefined when it was not waiting any more:
   * a final status is never changed, which makes repeated callbacks and polls harmless.
   */
  finish(trx: Db, uuid: string, result: FinalResult): Promise<FiscalTransaction | undefined>;
  /** Stops polling a transaction nobody expects a result for any more. */
  stopPolling(trx: Db, uuid: string): Promise<void>;
}

interface TransactionRow {
  id: number;
  company_key: string;
  document_id: number;
  attempt_id: number;
  uuid: string;
  external_id: string;
  operation: AtolOperation;
  status: TransactionStatus;
  payload: FiscalPayload | null;
  error: AtolError | null;
  error_class: TransactionErrorClass | null;
  report: unknown;
  result_source: ResultSource | null;
  polls: number;
  next_poll_at: Date | null;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

function toTransaction(row: TransactionRow): FiscalTransaction {
  return {
    id: row.id,
    companyKey: row.company_key,
    documentId: row.document_id,
    attemptId: row.attempt_id,
    uuid: row.uuid,
    externalId: row.external_id,
    operation: row.operation,
    status: row.status,
    payload: row.payload,
    error: row.error,
    errorClass: row.error_class,
    report: row.report,
    resultSource: row.result_source,
    polls: row.polls,
    nextPollAt: row.next_poll_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

function finalColumns(result: FinalResult): Record<string, unknown> {
  const common = {
    status: result.status,
    report: JSON.stringify(result.report ?? null),
    result_source: result.source,
    next_poll_at: null,
  };
  if (result.status === 'done') return { ...common, payload: JSON.stringify(result.payload) };
  return { ...common, error: JSON.stringify(result.error), error_class: result.errorClass };
}

/** Reads and writes the transactions table. */
export function createTransactionStore(knex: Knex): TransactionStore {
  return {
    async insertWait(trx, transaction) {
      // A uuid that is already known (33 answered twice, or a race) keeps its first row.
      const rows: TransactionRow[] = await trx('transactions')
        .insert({
          company_key: transaction.companyKey,
          document_id: transaction.documentId,
          attempt_id: transaction.attemptId,
          uuid: transaction.uuid,
          external_id: transaction.externalId,
          operation: transaction.operation,
          status: 'wait',
          next_poll_at: secondsFromNow(trx, transaction.firstPollInSeconds),
        })
        .onConflict('uuid')
        .ignore()
        .returning('id');
      return rows.length > 0;
    },

    async findByUuid(uuid, db = knex) {
      const row: TransactionRow | undefined = await db('transactions').where({ uuid }).first();
      return row ? toTransaction(row) : undefined;
    },

    async findByAttempt(attemptId, db = knex) {
      const row: TransactionRow | undefined = await db('transactions')
        .where('attempt_id', attemptId)
        .orderBy('id', 'desc')
        .first();
      return row ? toTransaction(row) : undefined;
    },

    async latestForDocument(documentId, db = knex) {
      const row: TransactionRow | undefined = await db('transactions')
        .where('document_id', documentId)
        .orderBy('id', 'desc')
        .first();
      return row ? toTransaction(row) : undefined;
    },

    async listForDocument(documentId, db = knex) {
      const rows: TransactionRow[] = await db('transactions')
        .where('document_id', documentId)
        .orderBy('id');
      return rows.map(toTransaction);
    },

    async finish(trx, uuid, result) {
      const rows: TransactionRow[] = await trx('transactions')
        .where({ uuid, status: 'wait' })
        .update({ ...finalColumns(result), finished_at: trx.fn.now(), updated_at: trx.fn.now() })
        .returning('*');
      return rows[0] ? toTransaction(rows[0]) : undefined;
    },

    async stopPolling(trx, uuid) {
      await trx('transactions')
        .where({ uuid, status: 'wait' })
        .update({ next_poll_at: null, updated_at: trx.fn.now() });
    },
  };
}
