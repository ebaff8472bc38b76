import type { ReportView } from './report-view';

/**
 * A plain-text table: the first column left-aligned, the others right-aligned, columns two
 * spaces apart. Used by the CLI and by the e-mail's text part.
 */
export function formatTable(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, column) =>
    Math.max(...all.map((row) => (row[column] ?? '').length)),
  );
  const line = (row: string[]): string =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** The figures as a table: a count row and a roubles row per kind, then counts of all. */
export function figuresTable(view: ReportView): string {
  const rows: string[][] = [];
  for (const row of view.figureRows) {
    rows.push([row.label, ...row.cells.map((cell) => String(cell.count))]);
    rows.push(['  sum, RUB', ...row.cells.map((cell) => cell.roubles)]);
  }
  rows.push([view.countsRow.label, ...view.countsRow.counts.map(String)]);
  return formatTable(['', ...view.columns], rows);
}

function failureLines(view: ReportView): string[] {
  if (view.failureCount === 0) return [];
  const lines = ['', `Failures (${view.failureCount})`];
  for (const failure of view.failures) {
    const order = failure.orderId ? `, order ${failure.orderId}` : '';
    const error = [failure.errorType, failure.errorCode].filter(Boolean).join(' ') || 'unknown';
    const text = failure.errorText ? `: ${failure.errorText}` : '';
    const last = failure.lastTry ? `, last ${failure.lastTry}` : '';
    lines.push(
      `- ${failure.document} (shop id ${failure.shopId}${order}, ${failure.operation})`,
      `  ${error}${text}; tries ${failure.tries}${last}`,
      `  ${failure.url}`,
    );
  }
  if (view.failuresNotListed > 0) lines.push(`… and ${view.failuresNotListed} more`);
  return lines;
}

function stuckLines(view: ReportView): string[] {
  if (view.stuckCount === 0) return [];
  const minutes = view.stuckAfterMinutes;
  const lines = ['', `Stuck in wait over ${minutes} minutes, any day (${view.stuckCount})`];
  for (const stuck of view.stuck) {
    const order = stuck.orderId ? `, order ${stuck.orderId}` : '';
    lines.push(
      `- ${stuck.document} (shop id ${stuck.shopId}${order}, uuid ${stuck.uuid})`,
      `  waiting since ${stuck.waitingSince}, ${stuck.waitingMinutes} min`,
      `  ${stuck.url}`,
    );
  }
  if (view.stuckNotListed > 0) lines.push(`… and ${view.stuckNotListed} more`);
  return lines;
}

/** The whole report as plain text. */
export function renderReportText(view: ReportView): string {
  const heading = [
    `${view.title} ${view.periodLabel} (${view.timeZone}), company ${view.companyKey}`,
    `Generated ${view.generatedAt}`,
    '',
  ];
  if (view.isEmpty) {
    return [...heading, 'Nothing to report: no documents in this period.', ''].join('\n');
  }
  return [
    ...heading,
    figuresTable(view),
    '',
    `Net done (invoices minus refunds): ${view.netDone.roubles} RUB`,
    ...failureLines(view),
    ...stuckLines(view),
    '',
  ].join('\n');
}
