import { formatKopecks } from '../money/kopecks';
import type {
  AttemptRecord,
  DocumentHistory,
  EventRecord,
  TransactionRecord,
} from './document-history-store';
import type {
  AttemptView,
  DocumentSummaryView,
  DocumentView,
  EventView,
  FiscalDataView,
  TransactionView,
} from './document-schemas';
import type { StoredDocument } from './document-types';
import { receiptView } from './receipt-view';

// The shop API's JSON: camelCase, money as decimal roubles with two decimals ("4180.00") plus
// the same amount in kopecks, times as ISO 8601 in UTC.

const iso = (date: Date): string => date.toISOString();
const isoOrNull = (date: Date | null): string | null => (date ? date.toISOString() : null);

const pickText = (payload: Record<string, unknown>, key: string): string | null => {
  const value = payload[key];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;
};
const pickNumber = (payload: Record<string, unknown>, key: string): number | null => {
  const value = payload[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
};

/** ATOL's fiscal payload (reference §5.2) in the API's names. */
export function fiscalDataView(payload: Record<string, unknown> | null): FiscalDataView | null {
  if (!payload) return null;
  const total = pickNumber(payload, 'total');
  return {
    fnNumber: pickText(payload, 'fn_number'),
    fiscalDocumentNumber: pickNumber(payload, 'fiscal_document_number'),
    fiscalDocumentAttribute: pickNumber(payload, 'fiscal_document_attribute'),
    fiscalReceiptNumber: pickNumber(payload, 'fiscal_receipt_number'),
    shiftNumber: pickNumber(payload, 'shift_number'),
    receiptDatetime: pickText(payload, 'receipt_datetime'),
    ecrRegistrationNumber: pickText(payload, 'ecr_registration_number'),
    total: total === null ? null : formatKopecks(Math.round(total * 100)),
    fnsSite: pickText(payload, 'fns_site'),
    ofdInn: pickText(payload, 'ofd_inn'),
    ofdReceiptUrl: pickText(payload, 'ofd_receipt_url'),
  };
}

function attemptView(attempt: AttemptRecord): AttemptView {
  return {
    id: attempt.id,
    operation: attempt.operation,
    externalId: attempt.externalId,
    generation: attempt.generation,
    status: attempt.status as AttemptView['status'],
    tries: attempt.tries,
    httpStatus: attempt.httpStatus,
    durationMs: attempt.durationMs,
    error: attempt.error ?? null,
    nextTryAt: isoOrNull(attempt.nextTryAt),
    createdAt: iso(attempt.createdAt),
    updatedAt: iso(attempt.updatedAt),
  };
}

function transactionView(transaction: TransactionRecord): TransactionView {
  return {
    uuid: transaction.uuid,
    externalId: transaction.externalId,
    operation: transaction.operation,
    status: transaction.status as TransactionView['status'],
    errorClass: transaction.errorClass,
    error: transaction.error ?? null,
    resultSource: transaction.resultSource,
    fiscal: transaction.status === 'done' ? fiscalDataView(transaction.payload) : null,
    createdAt: iso(transaction.createdAt),
    finishedAt: isoOrNull(transaction.finishedAt),
  };
}

function eventView(event: EventRecord): EventView {
  return {
    type: event.type,
    message: event.message,
    data: event.data ?? null,
    actor: event.actor,
    at: iso(event.createdAt),
  };
}

/** A document in a list: no history, the fiscal data of its done transaction if any. */
export function documentSummaryView(
  document: StoredDocument,
  lastTransaction?: TransactionRecord,
): DocumentSummaryView {
  const done = lastTransaction?.status === 'done' ? lastTransaction : undefined;
  return {
    kind: document.kind,
    id: document.shopId,
    orderId: document.orderId,
    invoiceId: document.invoiceId,
    operation: document.kind === 'refund' ? 'sell_refund' : 'sell',
    status: document.status,
    total: formatKopecks(document.totalKopecks),
    totalKopecks: document.totalKopecks,
    documentDate: iso(document.documentDate),
    createdAt: iso(document.createdAt),
    updatedAt: iso(document.updatedAt),
    fiscal: done ? fiscalDataView(done.payload) : null,
  };
}

/** One document with its receipt lines, attempts, transactions and history. */
export function documentView(document: StoredDocument, history: DocumentHistory): DocumentView {
  const last = history.transactions[history.transactions.length - 1];
  return {
    ...documentSummaryView(document, last),
    receipt: receiptView(document.receipt),
    attempts: history.attempts.map(attemptView),
    transactions: history.transactions.map(transactionView),
    events: history.events.map(eventView),
  };
}
