import type { Knex } from 'knex';
import type { DocumentHistoryStore } from '../documents/document-history-store';
import type { DocumentStore } from '../documents/document-store';
import { documentSummaryView } from '../documents/document-view';
import type { WebhookStore } from './webhook-store';

/** What the fiscal core tells the hook when a document becomes final (src/fiscal OnFinal). */
export interface FinalDocumentNotice {
  documentId: number;
  companyKey: string;
  status: 'done' | 'failed';
  reason?: string;
}

export interface WebhookNotifierDeps {
  store: WebhookStore;
  documents: Pick<DocumentStore, 'findById'>;
  history: Pick<DocumentHistoryStore, 'lastTransactions'>;
}

/**
 * The fiscal core's onFinal hook: queues a webhook delivery in the same transaction that makes
 * the document done or failed, so a notice is never lost nor sent for a change that rolled back.
 */
export function createWebhookNotifier(deps: WebhookNotifierDeps) {
  return async (trx: Knex.Transaction, notice: FinalDocumentNotice): Promise<void> => {
    const document = await deps.documents.findById(notice.documentId, trx);
    if (!document) return;
    const last = await deps.history.lastTransactions([document.id], trx);
    const summary = documentSummaryView(
      { ...document, status: notice.status },
      last.get(document.id),
    );
    await deps.store.enqueue(trx, {
      companyKey: notice.companyKey,
      documentId: notice.documentId,
      event: notice.status === 'done' ? 'document.done' : 'document.failed',
      payload: { ...summary, ...(notice.reason === undefined ? {} : { reason: notice.reason }) },
    });
  };
}
