import type { DocumentView } from './document-schemas';

/** How a manual send ended, for the CLI's exit code. */
export type SendVerdict = 'ok' | 'atol_refused' | 'atol_unavailable';

/** Reads the outcome of a send from the document afterwards: its newest attempt tells. */
export function sendVerdict(view: DocumentView): SendVerdict {
  const attempt = view.attempts[view.attempts.length - 1];
  if (!attempt || attempt.status === 'sent' || attempt.status === 'sending') return 'ok';
  if (attempt.status === 'error') return 'atol_refused';
  return attempt.tries > 0 ? 'atol_unavailable' : 'ok';
}

/** A document as a few lines of plain text (the CLI's human output). */
export function describeDocument(view: DocumentView): string[] {
  const lines = [`${view.kind} ${view.id} (${view.operation}, ${view.total} RUB): ${view.status}`];
  const attempt = view.attempts[view.attempts.length - 1];
  if (attempt) {
    const next = attempt.nextTryAt ? `, next try ${attempt.nextTryAt}` : '';
    lines.push(`  attempt ${attempt.externalId}: ${attempt.status}, ${attempt.tries} tries${next}`);
    if (attempt.error) lines.push(`  error: ${JSON.stringify(attempt.error)}`);
  }
  const transaction = view.transactions[view.transactions.length - 1];
  if (transaction) lines.push(`  ATOL uuid ${transaction.uuid}: ${transaction.status}`);
  if (view.fiscal) {
    const { fnNumber, fiscalDocumentNumber, fiscalDocumentAttribute } = view.fiscal;
    lines.push(`  fiscal: FN ${fnNumber} FD ${fiscalDocumentNumber} FP ${fiscalDocumentAttribute}`);
    if (view.fiscal.ofdReceiptUrl) lines.push(`  receipt: ${view.fiscal.ofdReceiptUrl}`);
  }
  const last = view.events[view.events.length - 1];
  if (last) lines.push(`  last event: ${last.message}`);
  return lines;
}
