import type { Knex } from 'knex';
import type { DocumentStatus } from '../documents/document-types';
import { NotFoundError } from '../errors/errors';
import type { FiscalDocument } from './fiscal-types';

type Db = Knex | Knex.Transaction;

/** A document as the fiscal core sees it, with its status. */
export type DocumentState = FiscalDocument & { status: DocumentStatus };

interface DocumentRow {
  id: number;
  company_key: string;
  kind: FiscalDocument['kind'];
  shop_id: string;
  receipt: unknown;
  document_date: Date;
  status: DocumentStatus;
}

const COLUMNS = ['id', 'company_key', 'kind', 'shop_id', 'receipt', 'document_date', 'status'];

function toState(row: DocumentRow): DocumentState {
  return {
    id: row.id,
    companyKey: row.company_key,
    kind: row.kind,
    shopId: row.shop_id,
    receipt: row.receipt,
    documentDate: row.document_date,
    status: row.status,
  };
}

/**
 * Loads a document and locks its row until the transaction ends, so manual actions, sends and
 * reports on one document happen one after another.
 *
 * Lock order (every fiscal transaction keeps it, or PostgreSQL answers 40P01 deadlock): the
 * document row first, then its attempt and transaction rows. Manual send, recording a send and
 * applying a report each call this before touching an attempt or a transaction. The queue's
 * claims lock attempt rows only (SKIP LOCKED) and reach the document only through foreign-key
 * checks, which take KEY SHARE: this is NO KEY UPDATE, not UPDATE, so those checks never wait
 * on it, and a claim never waits while holding an attempt row.
 */
export async function lockDocument(trx: Knex.Transaction, id: number): Promise<DocumentState> {
  const row: DocumentRow | undefined = await trx('documents')
    .select(COLUMNS)
    .where({ id })
    .forNoKeyUpdate()
    .first();
  if (!row) throw new NotFoundError(`Document ${id} does not exist`);
  return toState(row);
}

/** Loads a document without locking it. */
export async function loadDocument(db: Db, id: number): Promise<DocumentState> {
  const row: DocumentRow | undefined = await db('documents').select(COLUMNS).where({ id }).first();
  if (!row) throw new NotFoundError(`Document ${id} does not exist`);
  return toState(row);
}

/**
 * Moves a document to `to` if its status is one of `from`; false otherwise. Every status change
 * of a document goes through here, so the allowed moves can be read in the callers.
 */
export async function moveDocument(
  trx: Db,
  id: number,
  from: readonly DocumentStatus[],
  to: DocumentStatus,
): Promise<boolean> {
  const count = await trx('documents')
    .where({ id })
    .whereIn('status', from)
    .update({ status: to, updated_at: trx.fn.now() });
  return count > 0;
}
