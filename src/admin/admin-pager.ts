import { html, SafeHtml } from './html';
import { withQuery } from './admin-format';

type Query = Record<string, string | number | boolean | undefined>;

/** Previous / next links for a list paged by page number, with "page 2 of 7 (130 rows)". */
export function numberedPager(
  path: string,
  query: Query,
  page: number,
  pageSize: number,
  total: number,
): SafeHtml {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const previous =
    page > 1 ? html`<a href="${withQuery(path, { ...query, page: page - 1 })}">← Newer</a>` : '';
  const next =
    page < pages
      ? html`<a href="${withQuery(path, { ...query, page: page + 1 })}">Older →</a>`
      : '';
  return html`<div class="pager">
    ${previous}<span class="muted">page ${page} of ${pages} (${total} rows)</span>${next}
  </div>`;
}

/** Links for a list paged by cursor: back to the first page, and on to the next one. */
export function cursorPager(path: string, query: Query, nextCursor: number | undefined): SafeHtml {
  const first =
    query.cursor !== undefined
      ? html`<a href="${withQuery(path, { ...query, cursor: undefined })}">« Newest</a>`
      : '';
  const next =
    nextCursor !== undefined
      ? html`<a href="${withQuery(path, { ...query, cursor: nextCursor })}">Older →</a>`
      : '';
  return html`<div class="pager">${first}${next}</div>`;
}
