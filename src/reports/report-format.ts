import type { DocumentKind, Figure, StatusBucket } from './report-types';

/**
 * Kopecks as roubles text, `1 234 567.89`, with integer arithmetic only: money is never
 * summed or divided as a float.
 */
export function formatRoubles(kopecks: number): string {
  if (!Number.isSafeInteger(kopecks)) throw new RangeError(`not an integer amount: ${kopecks}`);
  const sign = kopecks < 0 ? '-' : '';
  const absolute = Math.abs(kopecks);
  const roubles = String(Math.floor(absolute / 100)).replace(/\B(?=(\d{3})+$)/g, ' ');
  const rest = String(absolute % 100).padStart(2, '0');
  return `${sign}${roubles}.${rest}`;
}

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
