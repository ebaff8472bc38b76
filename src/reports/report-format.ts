import { formatRoubles } from '../money/kopecks';
import type { DocumentKind, Figure, StatusBucket } from './report-types';

export function figureOf(count: number, kopecks: number): Figure {
  return { count, kopecks, roubles: formatRoubles(kopecks) };
}

export function addFigures(a: Figure, b: Figure): Figure {
  return figureOf(a.count + b.count, a.kopecks + b.kopecks);
}

export const kindLabels: Record<DocumentKind, string> = {
  invoice: 'Invoices',
  refund: 'Refunds',
};

export const bucketLabels: Record<StatusBucket | 'total', string> = {
  done: 'Done',
  wait: 'Wait',
  failed: 'Failed',
  notSent: 'Not sent',
  total: 'Total',
};

/** `driver / data`, `system`, or an empty string when nothing is known. */
export function errorTypeLabel(failure: {
  errorType: string | null;
  errorClass: string | null;
}): string {
  return [failure.errorType, failure.errorClass].filter(Boolean).join(' / ');
}
