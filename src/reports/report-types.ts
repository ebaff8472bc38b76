import type { ReportPeriod } from './report-period';

export type DocumentKind = 'invoice' | 'refund';

/** Where a document stands, as the report groups it; `notSent` is stored or queued. */
export type StatusBucket = 'done' | 'wait' | 'failed' | 'notSent';

export const DOCUMENT_KINDS: readonly DocumentKind[] = ['invoice', 'refund'];
export const STATUS_BUCKETS: readonly StatusBucket[] = ['done', 'wait', 'failed', 'notSent'];

/** A count of documents and their sum: integer kopecks and the same sum as roubles text. */
export interface Figure {
  count: number;
  kopecks: number;
  /** `12 345.67`: formatted from the integer kopecks, never from a float. */
  roubles: string;
}

export interface KindFigures {
  kind: DocumentKind;
  buckets: Record<StatusBucket, Figure>;
  total: Figure;
}

/** A failed document and why it failed, from its latest transaction or attempt error. */
export interface ReportFailure {
  documentId: number;
  kind: DocumentKind;
  shopId: string;
  orderId: string | null;
  operation: string;
  /** ATOL's error type (`system`, `driver`, `agent`, `timeout`, …) when known. */
  errorType: string | null;
  /** Our classification of a failed transaction: `data`, `register` or `timeout`. */
  errorClass: string | null;
  errorCode: string | null;
  errorText: string | null;
  /** Tries over all attempts of the document. */
  tries: number;
  lastTryAt: Date | null;
  /** The document's admin page. */
  url: string;
}

/** A document whose receipt ATOL has not finished longer than the threshold. */
export interface StuckDocument {
  documentId: number;
  kind: DocumentKind;
  shopId: string;
  orderId: string | null;
  uuid: string;
  waitingSince: Date;
  waitingMinutes: number;
  url: string;
}

/** Everything a report shows; the email, the CLI and the admin page render this one model. */
export interface Report {
  companyKey: string;
  period: ReportPeriod;
  /** `2026-12-03` or `2026-11-30 – 2026-12-06`. */
  periodLabel: string;
  generatedAt: Date;
  figures: KindFigures[];
  /** Counts over both kinds (money is not added across kinds: refunds are not income). */
  counts: Record<StatusBucket | 'total', number>;
  /** Done invoices minus done refunds. */
  netDone: Figure;
  failures: ReportFailure[];
  /** All failed documents of the period; `failures` lists at most `listLimit` of them. */
  failureCount: number;
  /** Documents in `wait` now, from any day, for longer than `stuckAfterMinutes`. */
  stuck: StuckDocument[];
  stuckCount: number;
  stuckAfterMinutes: number;
  listLimit: number;
  /** No documents in the period and nothing stuck. */
  isEmpty: boolean;
}
