import type { TransactionRecord } from '../documents/document-history-store';
import { DOCUMENT_KINDS, DOCUMENT_STATUSES, StoredDocument } from '../documents/document-types';
import { badge, renderPage } from './admin-layout';
import { formatKopecks, formatTime } from './admin-format';
import { cursorPager } from './admin-pager';
import { documentPath } from './admin-paths';
import type { DocumentListQuery } from './admin-schemas';
import { html, SafeHtml } from './html';

export interface DocumentListView {
  user: string;
  timeZone: string;
  query: DocumentListQuery;
  documents: StoredDocument[];
  lastTransactions: Map<number, TransactionRecord>;
  nextCursor: number | undefined;
}

const PATH = '/admin/documents';

function options(values: readonly string[], selected: string | undefined): SafeHtml[] {
  return ['', ...values].map(
    (value) =>
      html`<option value="${value}" ${value === (selected ?? '') ? 'selected' : ''}>
        ${value || 'any'}
      </option>`,
  );
}

function filterForm(query: DocumentListQuery): SafeHtml {
  return html`<form class="filters card" method="get" action="${PATH}">
    <label>Id or order id<input name="q" value="${query.q ?? ''}" placeholder="100000123" /></label>
    <label
      >Kind<select name="kind">
        ${options(DOCUMENT_KINDS, query.kind)}
      </select></label
    >
    <label
      >Status<select name="status">
        ${options(DOCUMENT_STATUSES, query.status)}
      </select></label
    >
    <label>Received from<input type="date" name="from" value="${query.from ?? ''}" /></label>
    <label>Received to<input type="date" name="to" value="${query.to ?? ''}" /></label>
    <button type="submit">Filter</button>
    <a href="${PATH}">Reset</a>
  </form>`;
}

function documentRow(
  document: StoredDocument,
  transaction: TransactionRecord | undefined,
  timeZone: string,
): SafeHtml {
  return html`<tr>
    <td><a href="${documentPath(document.kind, document.id)}">${document.shopId}</a></td>
    <td>${document.kind}</td>
    <td>${document.orderId ?? ''}</td>
    <td>${badge(document.status)}</td>
    <td class="num">${formatKopecks(document.totalKopecks)}</td>
    <td class="nowrap">${formatTime(document.createdAt, timeZone)}</td>
    <td>${transaction ? badge(transaction.status) : html`<span class="muted">—</span>`}</td>
  </tr>`;
}

/** The documents list, newest first, with filters and paging. */
export function renderDocumentListPage(view: DocumentListView): string {
  const rows = view.documents.map((document) =>
    documentRow(document, view.lastTransactions.get(document.id), view.timeZone),
  );
  const table =
    rows.length > 0
      ? html`<table>
          <thead>
            <tr>
              <th>Id</th>
              <th>Kind</th>
              <th>Order</th>
              <th>Status</th>
              <th class="num">Total, ₽</th>
              <th>Received</th>
              <th>Last transaction</th>
            </tr>
          </thead>
          <tbody>
            ${rows}
          </tbody>
        </table>`
      : html`<div class="empty">No documents match.</div>`;
  const { cursor, ...filters } = view.query;
  const body = html`<h1>Documents</h1>
    ${filterForm(view.query)}
    <div class="card">${table}${cursorPager(PATH, { ...filters, cursor }, view.nextCursor)}</div>`;
  return renderPage({ title: 'Documents', section: 'documents', user: view.user, body });
}
