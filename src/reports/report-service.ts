import { figureOf, addFigures } from './report-format';
import { periodLabel, ReportPeriod } from './report-period';
import type { FailureRow, ReportStore, StatusRow, StuckRow } from './report-store';
import {
  DOCUMENT_KINDS,
  DocumentKind,
  Figure,
  KindFigures,
  Report,
  ReportFailure,
  STATUS_BUCKETS,
  StatusBucket,
  StuckDocument,
} from './report-types';

export interface ReportServiceOptions {
  store: ReportStore;
  companyKey: string;
  /** Base of the admin links, e.g. https://kkm.example.ru (no trailing slash needed). */
  publicUrl: string;
  /** A document in `wait` longer than this is listed as stuck. */
  stuckAfterMinutes?: number;
  /** At most this many failures and stuck documents are listed (all are counted). */
  listLimit?: number;
}

export interface ReportService {
  buildReport(period: ReportPeriod, now: Date): Promise<Report>;
}

const bucketOfStatus: Record<string, StatusBucket> = {
  done: 'done',
  wait: 'wait',
  failed: 'failed',
  stored: 'notSent',
  queued: 'notSent',
};

export function createReportService(options: ReportServiceOptions): ReportService {
  const stuckAfterMinutes = options.stuckAfterMinutes ?? 15;
  const listLimit = options.listLimit ?? 100;
  const adminUrl = (kind: DocumentKind, id: number): string =>
    `${options.publicUrl.replace(/\/+$/, '')}/admin/documents/${kind}/${id}`;

  return {
    async buildReport(period, now) {
      const query = { companyKey: options.companyKey, start: period.start, end: period.end };
      const waitingBefore = new Date(now.getTime() - stuckAfterMinutes * 60_000);
      const { store } = options;

      // Independent reads: on PostgreSQL they run side by side on the pool's connections.
      const [statusRows, failureRows, stuckCount, stuckRows] = await Promise.all([
        store.countByStatus(query),
        store.listFailures(query, listLimit),
        store.countStuck(options.companyKey, waitingBefore),
        store.listStuck(options.companyKey, waitingBefore, listLimit),
      ]);

      const figures = DOCUMENT_KINDS.map((kind) => kindFigures(kind, statusRows));
      const counts = countBuckets(figures);
      return {
        companyKey: options.companyKey,
        period,
        periodLabel: periodLabel(period),
        generatedAt: now,
        figures,
        counts,
        netDone: netDone(figures),
        failures: failureRows.map((row) => toFailure(row, adminUrl)),
        failureCount: counts.failed,
        stuck: stuckRows.map((row) => toStuck(row, now, adminUrl)),
        stuckCount,
        stuckAfterMinutes,
        listLimit,
        isEmpty: counts.total === 0 && stuckCount === 0,
      };
    },
  };
}

function kindFigures(kind: DocumentKind, rows: StatusRow[]): KindFigures {
  const buckets = {} as Record<StatusBucket, Figure>;
  for (const bucket of STATUS_BUCKETS) buckets[bucket] = figureOf(0, 0);
  for (const row of rows) {
    const bucket = bucketOfStatus[row.status];
    if (row.kind !== kind || !bucket) continue;
    buckets[bucket] = addFigures(buckets[bucket], figureOf(row.count, row.kopecks));
  }
  const total = STATUS_BUCKETS.reduce((sum, bucket) => addFigures(sum, buckets[bucket]), {
    ...figureOf(0, 0),
  });
  return { kind, buckets, total };
}

function countBuckets(figures: KindFigures[]): Report['counts'] {
  const counts = { done: 0, wait: 0, failed: 0, notSent: 0, total: 0 };
  for (const kind of figures) {
    for (const bucket of STATUS_BUCKETS) counts[bucket] += kind.buckets[bucket].count;
    counts.total += kind.total.count;
  }
  return counts;
}

function netDone(figures: KindFigures[]): Figure {
  const done = (kind: DocumentKind): Figure =>
    figures.find((item) => item.kind === kind)?.buckets.done ?? figureOf(0, 0);
  const invoices = done('invoice');
  const refunds = done('refund');
  return figureOf(invoices.count + refunds.count, invoices.kopecks - refunds.kopecks);
}

interface AtolErrorFields {
  type: string | null;
  code: string | null;
  text: string | null;
}

/** Reads `{ code, text, type }` from a stored ATOL error; other shapes give what they have. */
function errorFields(error: unknown): AtolErrorFields | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const record = error as Record<string, unknown>;
  const asText = (value: unknown): string | null =>
    typeof value === 'string' || typeof value === 'number' ? String(value) : null;
  return {
    type: asText(record.type),
    code: asText(record.code),
    text: asText(record.text) ?? asText(record.message) ?? asText(record.reason),
  };
}

/** The error that came last: the transaction's unless the latest attempt failed after it. */
function latestError(row: FailureRow): { fields?: AtolErrorFields; fromTransaction: boolean } {
  const fromTransaction = errorFields(row.transaction_error);
  const fromAttempt = errorFields(row.attempt_error);
  const attemptIsLater =
    fromAttempt !== undefined &&
    (row.transaction_at === null ||
      (row.attempt_at !== null && row.attempt_at.getTime() > row.transaction_at.getTime()));
  if (fromTransaction && !attemptIsLater) return { fields: fromTransaction, fromTransaction: true };
  return fromAttempt ? { fields: fromAttempt, fromTransaction: false } : { fromTransaction: false };
}

function toFailure(
  row: FailureRow,
  adminUrl: (kind: DocumentKind, id: number) => string,
): ReportFailure {
  const { fields, fromTransaction } = latestError(row);
  return {
    documentId: row.id,
    kind: row.kind,
    shopId: row.shop_id,
    orderId: row.order_id,
    operation: row.operation ?? (row.kind === 'invoice' ? 'sell' : 'sell_refund'),
    errorType: fields?.type ?? null,
    errorClass: fromTransaction ? row.error_class : null,
    errorCode: fields?.code ?? null,
    errorText: fields?.text ?? null,
    tries: row.tries ?? 0,
    lastTryAt: row.last_try_at,
    url: adminUrl(row.kind, row.id),
  };
}

function toStuck(
  row: StuckRow,
  now: Date,
  adminUrl: (kind: DocumentKind, id: number) => string,
): StuckDocument {
  return {
    documentId: row.id,
    kind: row.kind,
    shopId: row.shop_id,
    orderId: row.order_id,
    uuid: row.uuid,
    waitingSince: row.waiting_since,
    waitingMinutes: Math.floor((now.getTime() - row.waiting_since.getTime()) / 60_000),
    url: adminUrl(row.kind, row.id),
  };
}
