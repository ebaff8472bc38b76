import { badge, renderPage } from './admin-layout';
import { formatTime, jsonDetails } from './admin-format';
import { numberedPager } from './admin-pager';
import { documentPath } from './admin-paths';
import { html, SafeHtml } from './html';
import type { Page } from './admin-types';
import type { RequestLogEntry, RequestLogFilter } from './request-log-store';

export interface RequestLogView {
  user: string;
  timeZone: string;
  filter: RequestLogFilter;
  page: Page<RequestLogEntry>;
}

const PATH = '/admin/atol-requests';

function filterForm(filter: RequestLogFilter): SafeHtml {
  // A filter by our document id comes from a document page's link; keep it while filtering.
  const documentId =
    filter.documentId === undefined
      ? ''
      : html`<input type="hidden" name="documentId" value="${filter.documentId}" />
          <span class="muted">document #${filter.documentId}</span>`;
  return html`<form class="filters card" method="get" action="${PATH}">
    <label>Document or order id<input name="document" value="${filter.document ?? ''}" /></label>
    ${documentId}
    <label class="check"
      ><input type="checkbox" name="failed" value="1" ${filter.onlyFailed ? 'checked' : ''} />only
      failed calls</label
    >
    <button type="submit">Filter</button>
    <a href="${PATH}">Reset</a>
  </form>`;
}

function documentLink(entry: RequestLogEntry): SafeHtml {
  if (!entry.document) return html`<span class="muted">—</span>`;
  const { id, kind, shopId } = entry.document;
  return html`<a href="${documentPath(kind, id)}">${kind} ${shopId}</a>`;
}

function entryRow(entry: RequestLogEntry, timeZone: string): SafeHtml {
  const status = entry.httpStatus === null ? 'no answer' : String(entry.httpStatus);
  return html`<tr>
    <td class="nowrap">${formatTime(entry.createdAt, timeZone)}</td>
    <td>${entry.action}</td>
    <td>${badge(entry.failed ? 'failed' : 'ok')}</td>
    <td class="num">${status}</td>
    <td class="num">${entry.durationMs} ms</td>
    <td>${documentLink(entry)}</td>
    <td>
      <div class="small">${entry.method} ${entry.url}</div>
      ${entry.error ? html`<div class="small">${entry.error}</div>` : ''}
      ${jsonDetails('request', entry.request)}${jsonDetails('response', entry.response)}
    </td>
  </tr>`;
}

/** The ATOL request log: every call, newest first, bodies masked. */
export function renderRequestLogPage(view: RequestLogView): string {
  const { filter, page } = view;
  const rows = page.items.map((entry) => entryRow(entry, view.timeZone));
  const table =
    rows.length > 0
      ? html`<table>
          <thead>
            <tr>
              <th>Time</th>
              <th>Action</th>
              <th>Result</th>
              <th class="num">HTTP</th>
              <th class="num">Took</th>
              <th>Document</th>
              <th>Call</th>
            </tr>
          </thead>
          <tbody>
            ${rows}
          </tbody>
        </table>`
      : html`<div class="empty">No ATOL requests match.</div>`;
  const query = {
    document: filter.document,
    documentId: filter.documentId,
    failed: filter.onlyFailed ? '1' : undefined,
  };
  const body = html`<h1>ATOL requests</h1>
    ${filterForm(filter)}
    <div class="card">
      ${table} ${numberedPager(PATH, query, filter.page, filter.pageSize, page.total)}
    </div>`;
  return renderPage({ title: 'ATOL requests', section: 'requests', user: view.user, body });
}
