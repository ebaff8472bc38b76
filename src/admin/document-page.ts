import type { DocumentHistory, TransactionRecord } from '../documents/document-history-store';
import type { StoredDocument } from '../documents/document-types';
import { badge, Notice, renderPage } from './admin-layout';
import { CSRF_FIELD } from './admin-csrf';
import { formatKopecks, formatTime, jsonDetails } from './admin-format';
import { documentPath, documentRequestsPath } from './admin-paths';
import {
  attemptsSection,
  eventsSection,
  linesSection,
  transactionsSection,
} from './document-sections';
import { html, SafeHtml } from './html';
import type { ReceiptLinesView } from './receipt-lines';

export interface DocumentView {
  user: string;
  timeZone: string;
  csrfToken: string;
  /** ATOL's public test company: fiscal data links to the test OFD. */
  testCompany: boolean;
  document: StoredDocument;
  history: DocumentHistory;
  receipt: ReceiptLinesView;
  notice?: Notice | undefined;
}

function lastTransaction(history: DocumentHistory): TransactionRecord | undefined {
  return history.transactions[history.transactions.length - 1];
}

function actions(view: DocumentView): SafeHtml {
  const base = documentPath(view.document.kind, view.document.id);
  const token = html`<input type="hidden" name="${CSRF_FIELD}" value="${view.csrfToken}" />`;
  // A new external id is only allowed once the last receipt failed at ATOL; offering the box
  // only then keeps the button from asking for what the exactly-once rules refuse anyway.
  const failed = lastTransaction(view.history)?.status === 'fail';
  const newId = failed
    ? html`<label class="check"
        ><input type="checkbox" name="newId" value="1" checked /> with a new external id (the last
        receipt failed)</label
      >`
    : '';
  return html`<div class="card actions">
    <form method="post" action="${base}/send">
      ${token} <button type="submit">Send to ATOL</button> ${newId}
    </form>
    <form method="post" action="${base}/refresh">
      ${token} <button type="submit" class="secondary">Check status</button>
    </form>
    <a href="${documentRequestsPath(view.document.id)}">ATOL requests of this document →</a>
  </div>`;
}

function summary(view: DocumentView): SafeHtml {
  const { document, timeZone } = view;
  const invoice = document.invoiceId
    ? html`<dt>Invoice id</dt>
        <dd>${document.invoiceId}</dd>`
    : '';
  return html`<div class="card">
    <h2>Document</h2>
    <dl>
      <dt>Kind</dt>
      <dd>${document.kind}</dd>
      <dt>Shop id</dt>
      <dd>${document.shopId}</dd>
      <dt>Order id</dt>
      <dd>${document.orderId ?? '—'}</dd>
      ${invoice}
      <dt>Total, ₽</dt>
      <dd>${formatKopecks(document.totalKopecks)}</dd>
      <dt>Document date</dt>
      <dd>${formatTime(document.documentDate, timeZone)}</dd>
      <dt>Received</dt>
      <dd>${formatTime(document.createdAt, timeZone)}</dd>
      <dt>Updated</dt>
      <dd>${formatTime(document.updatedAt, timeZone)}</dd>
      <dt>Our id</dt>
      <dd>${document.id}</dd>
    </dl>
    ${jsonDetails('body as received', document.body)}
  </div>`;
}

/** One document: status, buttons, receipt lines, transactions, attempts and history. */
export function renderDocumentPage(view: DocumentView): string {
  const { document, history, timeZone } = view;
  const title = `${document.kind === 'invoice' ? 'Invoice' : 'Refund'} ${document.shopId}`;
  const body = html`<h1>${title} ${badge(document.status)}</h1>
    ${actions(view)}
    <div class="row">
      ${summary(view)}
      <div class="card">
        <h2>Transactions</h2>
        ${transactionsSection(history.transactions, timeZone, view.testCompany)}
      </div>
    </div>
    <div class="card">
      <h2>Receipt lines</h2>
      ${linesSection(view.receipt)}
    </div>
    <div class="card">
      <h2>Attempts</h2>
      ${attemptsSection(history.attempts, timeZone)}
    </div>
    <div class="card">
      <h2>History</h2>
      ${eventsSection(history.events, timeZone)}
    </div>`;
  return renderPage({
    title,
    section: 'documents',
    user: view.user,
    notice: view.notice,
    body,
  });
}
