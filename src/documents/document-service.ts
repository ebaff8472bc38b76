import type { Knex } from 'knex';
import { ConflictError, NotFoundError, ValidationError } from '../errors/errors';
import type { Logger } from '../logger';
import { bodyHash } from './body-hash';
import { findUnstorableText } from '../http/unstorable-text';
import type { AcceptedEvent } from './accept-statement';
import type { FiscalPort, ManualSendOptions } from './document-ports';
import type {
  DocumentHistory,
  DocumentHistoryStore,
  TransactionRecord,
} from './document-history-store';
import type { DocumentStore } from './document-store';
import {
  documentName,
  type DocumentFilters,
  type DocumentKind,
  type StoredDocument,
} from './document-types';
import type {
  BuiltShopReceipt,
  ParsedShopDocument,
  ReceiptEnginePort,
} from './receipt-engine-port';
import { createRefundInvoices, type InvoiceOfRefund } from './refund-invoice';

export interface DocumentServiceDeps {
  knex: Knex;
  store: DocumentStore;
  history: DocumentHistoryStore;
  fiscal: FiscalPort;
  engine: ReceiptEnginePort;
  companyKey: string;
  sendMode: 'async' | 'sync';
  autoSend: Record<DocumentKind, boolean>;
  logger: Logger;
}

/** A document with everything that happened to it. */
export interface DocumentDetail {
  document: StoredDocument;
  history: DocumentHistory;
}

export interface DocumentListResult {
  items: Array<{ document: StoredDocument; lastTransaction?: TransactionRecord }>;
  nextCursor?: number;
}

export interface AcceptResult {
  /** False for a repeat of a stored document with the same body. */
  created: boolean;
  detail: DocumentDetail;
}

export interface DocumentService {
  /** Validates, stores and (when auto-send is on) queues a shop document; idempotent by id. */
  accept(kind: DocumentKind, body: unknown, options: { actor: string }): Promise<AcceptResult>;
  get(kind: DocumentKind, shopId: string): Promise<DocumentDetail>;
  /** One page, newest first, each document with its newest transaction. */
  list(filters: DocumentFilters): Promise<DocumentListResult>;
  /** A manual send or resend; the fiscal core refuses it while a transaction waits or is done. */
  send(kind: DocumentKind, shopId: string, options: ManualSendOptions): Promise<DocumentDetail>;
  refresh(kind: DocumentKind, shopId: string, options: { actor: string }): Promise<DocumentDetail>;
}

interface NewInput {
  parsed: ParsedShopDocument;
  hash: string;
  built: BuiltShopReceipt;
  /** For a refund: the stored invoice it names, if any. */
  refunded: InvoiceOfRefund;
}

const ACCEPTED_MESSAGE: Record<DocumentKind, string> = {
  invoice: 'Invoice accepted',
  refund: 'Refund accepted',
};

/** The shop documents service: accept, read, list, send and refresh. */
export function createDocumentService(deps: DocumentServiceDeps): DocumentService {
  const logger = deps.logger.child({ module: 'documents' });
  const refunds = createRefundInvoices(deps.store, deps.companyKey);

  async function detailOf(document: StoredDocument): Promise<DocumentDetail> {
    return { document, history: await deps.history.historyOf(document.id) };
  }

  async function load(kind: DocumentKind, shopId: string): Promise<StoredDocument> {
    const document = await deps.store.findByShopId({ companyKey: deps.companyKey, kind, shopId });
    if (!document) throw new NotFoundError(`No ${kind} with id ${shopId}`);
    return document;
  }

  async function reload(document: StoredDocument): Promise<DocumentDetail> {
    return detailOf((await deps.store.findById(document.id)) ?? document);
  }

  /** A repeat answers with the stored document; another body under the same id is refused. */
  async function repeatOf(kind: DocumentKind, shopId: string, hash: string) {
    const stored = await deps.store.findByShopId({ companyKey: deps.companyKey, kind, shopId });
    if (!stored) return undefined;
    if (stored.bodyHash !== hash) {
      throw new ConflictError(`${documentName({ kind, shopId })} is stored with a different body`, {
        code: 'document_conflict',
      });
    }
    return { created: false, detail: await detailOf(stored) };
  }

  /** Parses the body (400 naming the fields) and hashes it for the repeat check. */
  function parse(kind: DocumentKind, body: unknown) {
    const parsed = deps.engine.parse(kind, body);
    const unstorable = findUnstorableText(body);
    if (unstorable.length > 0) throw new ValidationError('The body has unusable text', unstorable);
    return { parsed, hash: bodyHash(parsed.canonical) };
  }

  /**
   * Stores the document with its history so far and, with auto-send on, its first attempt.
   * Undefined when a document with this id exists already (a concurrent post won).
   */
  async function insertNew(kind: DocumentKind, body: unknown, input: NewInput, actor: string) {
    const { parsed, hash, built, refunded } = input;
    const { invoice } = refunded;
    const fields = {
      companyKey: deps.companyKey,
      kind,
      shopId: parsed.id,
      // A refund without its own orderId belongs to its invoice's order.
      orderId: parsed.orderId ?? invoice?.orderId ?? null,
      invoiceId: parsed.invoiceId ?? null,
      body,
      bodyHash: hash,
      receipt: built.receipt,
      totalKopecks: built.totalKopecks,
      documentDate: built.documentDate,
    };
    const firstAttempt = deps.autoSend[kind] ? deps.fiscal.planFirstAttempt(fields) : undefined;
    const accepted = {
      document: { ...fields, status: firstAttempt ? ('queued' as const) : ('stored' as const) },
      events: acceptedEvents(fields, [...built.notes, ...refunded.notes], actor),
      ...(firstAttempt ? { firstAttempt } : {}),
    };
    if (!invoice) return deps.store.insertAccepted(deps.knex, accepted);
    // A refund of a stored invoice: checked against what is left of it, with the invoice row
    // locked until the refund is stored.
    return deps.knex.transaction(async (trx) => {
      const refund = { shopId: parsed.id, totalKopecks: built.totalKopecks };
      await refunds.checkTotal(trx, { ...refund, invoiceId: invoice.shopId });
      return deps.store.insertAccepted(trx, accepted);
    });
  }

  /** Builds the receipt; the refunded invoice's date decides a refund's VAT rates. */
  async function prepare(kind: DocumentKind, parsed: ParsedShopDocument, hash: string) {
    const refunded = kind === 'refund' ? await refunds.find(parsed.invoiceId) : { notes: [] };
    const invoiceDate = refunded.invoice?.documentDate;
    const built = parsed.buildReceipt(invoiceDate ? { invoiceDate } : {});
    return { parsed, hash, built, refunded };
  }

  async function accept(kind: DocumentKind, body: unknown, options: { actor: string }) {
    const { parsed, hash } = parse(kind, body);
    let input: NewInput;
    try {
      input = await prepare(kind, parsed, hash);
    } catch (error) {
      // A stored document is answered as a repeat even if it would not be accepted today.
      const repeat = await repeatOf(kind, parsed.id, hash);
      if (repeat) return repeat;
      throw error;
    }
    // Insert first: a new document costs one statement; a repeat finds the stored one after.
    const stored = await insertNew(kind, body, input, options.actor);
    if (!stored) return (await repeatOf(kind, parsed.id, hash)) ?? raceLost(kind, parsed.id);

    const { document } = stored;
    logger.info('document accepted', { kind, shopId: parsed.id, documentId: document.id });
    const attempt = stored.history.attempts[0];
    if (deps.sendMode === 'sync' && attempt) {
      await sendNow(attempt.id, document);
      return { created: true, detail: await reload(document) };
    }
    return { created: true, detail: stored };
  }

  /** SEND_MODE=sync: the attempt is committed already, so a failure here leaves it to the queue. */
  async function sendNow(attemptId: number, document: StoredDocument): Promise<void> {
    try {
      await deps.fiscal.sendAttemptNow(attemptId);
    } catch (error) {
      logger.warn('sync send failed; the queue will retry', { documentId: document.id, error });
    }
  }

  return {
    accept,

    async get(kind, shopId) {
      return detailOf(await load(kind, shopId));
    },

    async list(filters) {
      const page = await deps.store.list(deps.companyKey, filters);
      const last = await deps.history.lastTransactions(page.documents.map((d) => d.id));
      const items = page.documents.map((document) => {
        const lastTransaction = last.get(document.id);
        return lastTransaction ? { document, lastTransaction } : { document };
      });
      return page.nextCursor === undefined ? { items } : { items, nextCursor: page.nextCursor };
    },

    async send(kind, shopId, options) {
      const document = await load(kind, shopId);
      await deps.fiscal.sendDocument(document.id, options);
      return reload(document);
    },

    async refresh(kind, shopId, options) {
      const document = await load(kind, shopId);
      await deps.fiscal.refreshDocument(document.id, options.actor);
      return reload(document);
    },
  };
}

/** The first history entries: accepted, then the engine's and the refund check's notes. */
function acceptedEvents(
  document: { kind: DocumentKind; totalKopecks: number; orderId: string | null },
  notes: ReadonlyArray<{ type: string; message: string; data?: unknown }>,
  actor: string,
): AcceptedEvent[] {
  const data = { totalKopecks: document.totalKopecks, orderId: document.orderId };
  const accepted = { type: 'accepted', message: ACCEPTED_MESSAGE[document.kind], data };
  return [accepted, ...notes].map((event) => ({ ...event, actor }));
}

function raceLost(kind: DocumentKind, shopId: string): never {
  // The other insert was rolled back after ours gave way: rare; the shop can simply retry.
  throw new ConflictError(`The ${kind} ${shopId} is being stored by another request; retry`, {
    code: 'document_busy',
  });
}
