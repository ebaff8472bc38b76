import { formatZonedMinute } from '../time/zoned-time';
import { bucketLabels, errorTypeLabel, kindLabels } from './report-format';
import { Report, STATUS_BUCKETS, StatusBucket } from './report-types';

export interface ViewCell {
  count: number;
  roubles: string;
}

export interface ViewFigureRow {
  label: string;
  cells: ViewCell[];
}

export interface ViewFailure {
  documentId: number;
  document: string;
  shopId: string;
  orderId: string;
  operation: string;
  errorType: string;
  errorCode: string;
  errorText: string;
  tries: number;
  lastTry: string;
  url: string;
}

export interface ViewStuck {
  documentId: number;
  document: string;
  shopId: string;
  orderId: string;
  uuid: string;
  waitingSince: string;
  waitingMinutes: number;
  url: string;
}

/**
 * A report ready to print: labels, formatted money and times in the report's zone. The e-mail,
 * the CLI table and the admin page all render this.
 */
export interface ReportView {
  title: string;
  periodLabel: string;
  timeZone: string;
  companyKey: string;
  generatedAt: string;
  isEmpty: boolean;
  columns: string[];
  figureRows: ViewFigureRow[];
  countsRow: { label: string; counts: number[] };
  netDone: ViewCell;
  failureCount: number;
  failures: ViewFailure[];
  /** How many failures are counted but not listed, or 0. */
  failuresNotListed: number;
  stuckAfterMinutes: number;
  stuckCount: number;
  stuck: ViewStuck[];
  stuckNotListed: number;
}

const titles: Record<Report['period']['name'], string> = {
  today: 'Report for today',
  yesterday: 'Daily report',
  week: 'Weekly report',
  range: 'Report',
};

export function toReportView(report: Report): ReportView {
  const zone = report.period.timeZone;
  const columns: Array<StatusBucket | 'total'> = [...STATUS_BUCKETS, 'total'];
  return {
    title: titles[report.period.name],
    periodLabel: report.periodLabel,
    timeZone: zone,
    companyKey: report.companyKey,
    generatedAt: formatZonedMinute(report.generatedAt, zone),
    isEmpty: report.isEmpty,
    columns: columns.map((column) => bucketLabels[column]),
    figureRows: report.figures.map((kind) => ({
      label: kindLabels[kind.kind],
      cells: [...STATUS_BUCKETS.map((bucket) => kind.buckets[bucket]), kind.total].map(
        ({ count, roubles }) => ({ count, roubles }),
      ),
    })),
    countsRow: { label: 'All documents', counts: columns.map((column) => report.counts[column]) },
    netDone: { count: report.netDone.count, roubles: report.netDone.roubles },
    failureCount: report.failureCount,
    failures: report.failures.map((failure) => ({
      documentId: failure.documentId,
      document: `${failure.kind} ${failure.documentId}`,
      shopId: failure.shopId,
      orderId: failure.orderId ?? '',
      operation: failure.operation,
      errorType: errorTypeLabel(failure),
      errorCode: failure.errorCode ?? '',
      errorText: failure.errorText ?? '',
      tries: failure.tries,
      lastTry: failure.lastTryAt ? formatZonedMinute(failure.lastTryAt, zone) : '',
      url: failure.url,
    })),
    failuresNotListed: Math.max(0, report.failureCount - report.failures.length),
    stuckAfterMinutes: report.stuckAfterMinutes,
    stuckCount: report.stuckCount,
    stuck: report.stuck.map((stuck) => ({
      documentId: stuck.documentId,
      document: `${stuck.kind} ${stuck.documentId}`,
      shopId: stuck.shopId,
      orderId: stuck.orderId ?? '',
      uuid: stuck.uuid,
      waitingSince: formatZonedMinute(stuck.waitingSince, zone),
      waitingMinutes: stuck.waitingMinutes,
      url: stuck.url,
    })),
    stuckNotListed: Math.max(0, report.stuckCount - report.stuck.length),
  };
}
