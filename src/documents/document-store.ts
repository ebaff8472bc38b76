import type { Knex } from 'knex';
import { runAcceptStatement, type AcceptedEvent } from './accept-statement';
import type { DocumentHistory } from './document-history-store';
import type { FirstAttempt } from './document-ports';
import type {
  DocumentFilters,
  DocumentKind,
  DocumentPage,
  DocumentStatus,
  NewDocument,
  StoredDocument,
} from './document-types';

type Db = Knex | Knex.Transaction;

/** What identifies a document: unique per company, kind and the shop's id. */
export interface DocumentKey {
  companyKey: string;
  kind: DocumentKind;
  shopId: string;
}

interface DocumentRow {
  id: number;
  company_key: string;
  kind: DocumentKind;
  shop_id: string;
  order_id: string | null;
  invoice_id: string | null;
  body: unknown;
  body_hash: string;
  receipt: unknown;
  total_kopecks: number;
  status: DocumentStatus;
  document_date: Date;
  created_at: Date;
  updated_at: Date;
}

/** What accepting a document writes (src/documents/accept-statement.ts). */
export interface AcceptedDocument {
  document: NewDocument;
  /** Its first history entries, oldest first. */
  events: AcceptedEvent[];
  /** With auto-send on: the first attempt, due at once; the document's status is `queued`. */
  firstAttempt?: FirstAttempt;
}

export interface DocumentStore {
  /**
   * Stores a new document with its first history and attempt in one statement; undefined
   * when one with its company, kind and shop id exists.
   */
  insertAccepted(
    db: Db,
    accepted: AcceptedDocument,
  ): Promise<{ document: StoredDocument; history: DocumentHistory } | undefined>;
  findById(id: number, db?: Db): Promise<StoredDocument | undefined>;
  findByShopId(key: DocumentKey, db?: Db): Promise<StoredDocument | undefined>;
  /**
   * One page of documents, newest first, paged by id (keyset): ids grow with arrival, so the
   * order is arrival order; `from`/`to` filter on arrival (created_at), not the document date.
   */
  list(companyKey: string, filters: DocumentFilters): Promise<DocumentPage>;
  /** How many documents a company has (tests and admin figures). */
  count(companyKey: string): Promise<number>;
  /**
   * The invoice a refund names, with the kopecks of the refunds stored for it so far. Inside a
   * transaction the invoice row is locked (NO KEY UPDATE, as the fiscal core locks documents),
   * so refunds of one invoice are checked against its total one after another. The refund
   * `except` (the one being stored) is not counted, so a repeat of it is not refused.
   */
  findRefundedInvoice(
    key: { companyKey: string; invoiceId: string; except?: string },
    db?: Db,
  ): Promise<RefundedInvoice | undefined>;
}

/** A stored invoice and how much of it stored refunds take back. */
export interface RefundedInvoice {
  invoice: StoredDocument;
  refundedKopecks: number;
}

function toDocument(row: DocumentRow): StoredDocument {
  return {
    id: row.id,
    companyKey: row.company_key,
    kind: row.kind,
    shopId: row.shop_id,
    orderId: row.order_id,
    invoiceId: row.invoice_id,
    body: row.body,
    bodyHash: row.body_hash,
    receipt: row.receipt,
    totalKopecks: row.total_kopecks,
    status: row.status,
    documentDate: row.document_date,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRow(document: NewDocument): Record<string, unknown> {
  return {
    company_key: document.companyKey,
    kind: document.kind,
    shop_id: document.shopId,
    order_id: document.orderId,
    invoice_id: document.invoiceId,
    // Stringified on purpose: node-postgres would turn a top-level array into a SQL array.
    body: JSON.stringify(document.body),
    body_hash: document.bodyHash,
    receipt: document.receipt === null ? null : JSON.stringify(document.receipt),
    total_kopecks: document.totalKopecks,
    status: document.status,
    document_date: document.documentDate,
  };
}

function applyFilters(query: Knex.QueryBuilder, filters: DocumentFilters): Knex.QueryBuilder {
  if (filters.status) query.where('status', filters.status);
  if (filters.kind) query.where('kind', filters.kind);
  if (filters.from) query.where('created_at', '>=', filters.from);
  if (filters.to) query.where('created_at', '<', filters.to);
  if (filters.orderId) query.where('order_id', filters.orderId);
  if (filters.search) {
    const search = filters.search;
    query.where((match) => match.where('shop_id', search).orWhere('order_id', search));
  }
  if (filters.cursor !== undefined) query.where('id', '<', filters.cursor);
  return query;
}

/** Reads and writes the documents table. */
export function createDocumentStore(knex: Knex): DocumentStore {
  return {
    async insertAccepted(db, { document, events, firstAttempt }) {
      const stored = await runAcceptStatement(db, toRow(document), events, firstAttempt);
      if (!stored) return undefined;
      return {
        document: toDocument(stored.row as unknown as DocumentRow),
        history: stored.history,
      };
    },

    async findById(id, db = knex) {
      const row: DocumentRow | undefined = await db('documents').where({ id }).first();
      return row ? toDocument(row) : undefined;
    },

    async findByShopId(key, db = knex) {
      const row: DocumentRow | undefined = await db('documents')
        .where({ company_key: key.companyKey, kind: key.kind, shop_id: key.shopId })
        .first();
      return row ? toDocument(row) : undefined;
    },

    async list(companyKey, filters) {
      const query = knex('documents').where('company_key', companyKey);
      const rows: DocumentRow[] = await applyFilters(query, filters)
        .orderBy('id', 'desc')
        .limit(filters.limit + 1);
      const page = rows.slice(0, filters.limit).map(toDocument);
      const last = page[page.length - 1];
      return rows.length > filters.limit && last
        ? { documents: page, nextCursor: last.id }
        : { documents: page };
    },

    async findRefundedInvoice({ companyKey, invoiceId, except }, db = knex) {
      const query = db('documents').where({
        company_key: companyKey,
        kind: 'invoice',
        shop_id: invoiceId,
      });
      if (db.isTransaction) query.forNoKeyUpdate();
      const row: DocumentRow | undefined = await query.first();
      if (!row) return undefined;
      const refunds = db('documents').where({
        company_key: companyKey,
        kind: 'refund',
        invoice_id: invoiceId,
      });
      if (except !== undefined) refunds.whereNot('shop_id', except);
      const refunded = await refunds.sum({ n: 'total_kopecks' }).first();
      return { invoice: toDocument(row), refundedKopecks: Number(refunded?.n ?? 0) };
    },

    async count(companyKey) {
      const row = await knex('documents')
        .where('company_key', companyKey)
        .count({ n: '*' })
        .first();
      return Number(row?.n ?? 0);
    },
  };
}
