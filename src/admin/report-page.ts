import type { Report, ReportFailure, StuckDocument } from '../reports/report-types';
import { bucketLabels, errorTypeLabel, kindLabels } from '../reports/report-format';
import { STATUS_BUCKETS } from '../reports/report-types';
import { renderPage } from './admin-layout';
import { formatTime } from './admin-format';
import { documentPath } from './admin-paths';
import { html, SafeHtml } from './html';

/** The periods the admin page offers, in tab order. */
export const REPORT_PERIODS = ['today', 'yesterday', 'week'] as const;
export type AdminReportPeriod = (typeof REPORT_PERIODS)[number];

const PERIOD_LABELS: Record<AdminReportPeriod, string> = {
  today: 'Today',
  yesterday: 'Yesterday',
  week: 'Last week',
};

export interface ReportView {
  user: string;
  timeZone: string;
  period: AdminReportPeriod;
  report: Report;
}

function tabs(active: AdminReportPeriod): SafeHtml {
  const links = REPORT_PERIODS.map((period) =>
    period === active
      ? html`<button type="button" disabled>${PERIOD_LABELS[period]}</button>`
      : html`<a href="/admin/reports?period=${period}">${PERIOD_LABELS[period]}</a>`,
  );
  return html`<div class="actions card">${links}</div>`;
}

function figuresTable(report: Report): SafeHtml {
  const header = STATUS_BUCKETS.map((bucket) => html`<th class="num">${bucketLabels[bucket]}</th>`);
  const rows = report.figures.map(
    (kind) =>
      html`<tr>
        <td>${kindLabels[kind.kind]}</td>
        ${STATUS_BUCKETS.map(
          (bucket) =>
            html`<td class="num">
              ${kind.buckets[bucket].count}
              <div class="muted small">${kind.buckets[bucket].roubles}</div>
            </td>`,
        )}
        <td class="num">
          <strong>${kind.total.count}</strong>
          <div class="muted small">${kind.total.roubles}</div>
        </td>
      </tr>`,
  );
  return html`<table>
    <thead>
      <tr>
        <th>Kind</th>
        ${header}
        <th class="num">${bucketLabels.total}</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}

function failureRow(failure: ReportFailure, timeZone: string): SafeHtml {
  const code = failure.errorCode === null ? '' : `${failure.errorCode}: `;
  return html`<tr>
    <td>
      <a href="${documentPath(failure.kind, failure.documentId)}"
        >${failure.kind} ${failure.shopId}</a
      >
    </td>
    <td>${failure.orderId ?? ''}</td>
    <td>${failure.operation}</td>
    <td>${errorTypeLabel(failure)}</td>
    <td>${code}${failure.errorText ?? ''}</td>
    <td class="num">${failure.tries}</td>
    <td class="nowrap">${formatTime(failure.lastTryAt, timeZone)}</td>
  </tr>`;
}

function stuckRow(stuck: StuckDocument, timeZone: string): SafeHtml {
  return html`<tr>
    <td>
      <a href="${documentPath(stuck.kind, stuck.documentId)}">${stuck.kind} ${stuck.shopId}</a>
    </td>
    <td>${stuck.orderId ?? ''}</td>
    <td class="small">${stuck.uuid}</td>
    <td class="nowrap">${formatTime(stuck.waitingSince, timeZone)}</td>
    <td class="num">${stuck.waitingMinutes} min</td>
  </tr>`;
}

function failuresCard(report: Report, timeZone: string): SafeHtml {
  if (report.failures.length === 0) {
    return html`<div class="card">
      <h2>Failures</h2>
      <div class="empty">No failed documents.</div>
    </div>`;
  }
  const more =
    report.failureCount > report.failures.length
      ? html`<p class="muted">Showing ${report.failures.length} of ${report.failureCount}.</p>`
      : '';
  return html`<div class="card">
    <h2>Failures (${report.failureCount})</h2>
    <table>
      <thead>
        <tr>
          <th>Document</th>
          <th>Order</th>
          <th>Operation</th>
          <th>Error type</th>
          <th>Error</th>
          <th class="num">Tries</th>
          <th>Last try</th>
        </tr>
      </thead>
      <tbody>
        ${report.failures.map((failure) => failureRow(failure, timeZone))}
      </tbody>
    </table>
    ${more}
  </div>`;
}

function stuckCard(report: Report, timeZone: string): SafeHtml {
  if (report.stuck.length === 0) return html``;
  return html`<div class="card">
    <h2>Waiting longer than ${report.stuckAfterMinutes} minutes (${report.stuckCount})</h2>
    <table>
      <thead>
        <tr>
          <th>Document</th>
          <th>Order</th>
          <th>Transaction</th>
          <th>Since</th>
          <th class="num">Waiting</th>
        </tr>
      </thead>
      <tbody>
        ${report.stuck.map((stuck) => stuckRow(stuck, timeZone))}
      </tbody>
    </table>
  </div>`;
}

/** Figures, failures and stuck documents for today, yesterday or last week. */
export function renderReportPage(view: ReportView): string {
  const { report } = view;
  const title = `${PERIOD_LABELS[view.period]}: ${report.periodLabel}`;
  const body = html`<h1>Report · ${title}</h1>
    ${tabs(view.period)}
    <div class="row">
      <div class="card">
        <div class="muted">Documents</div>
        <div class="figure">${report.counts.total}</div>
      </div>
      <div class="card">
        <div class="muted">Done</div>
        <div class="figure">${report.counts.done}</div>
      </div>
      <div class="card">
        <div class="muted">Failed</div>
        <div class="figure">${report.counts.failed}</div>
      </div>
      <div class="card">
        <div class="muted">Net done, ₽ (invoices − refunds)</div>
        <div class="figure">${report.netDone.roubles}</div>
      </div>
    </div>
    <div class="card">
      <h2>By kind and status</h2>
      ${figuresTable(report)}
      <p class="muted small">
        Time zone ${view.timeZone}; generated ${formatTime(report.generatedAt, view.timeZone)}.
      </p>
    </div>
    ${failuresCard(report, view.timeZone)} ${stuckCard(report, view.timeZone)}`;
  return renderPage({ title, section: 'reports', user: view.user, body });
}
