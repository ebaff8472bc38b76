import type { BenchLine, ScenarioResult } from './bench-types';

export const perSecond = (value: number, unit = '/s'): string =>
  `${value >= 100 ? value.toFixed(0) : value.toFixed(1)}${unit}`;

export const milliseconds = (value: number): string =>
  value >= 100
    ? `${value.toFixed(0)} ms`
    : value >= 1
      ? `${value.toFixed(1)} ms`
      : `${(value * 1000).toFixed(1)} µs`;

export const ratioText = (ratio: number | undefined): string =>
  ratio === undefined ? '' : `${ratio.toFixed(2)}×`;

const metText = (met: boolean | undefined): string =>
  met === undefined ? '' : met ? 'yes' : '**no**';

function row(cells: string[], widths: number[]): string {
  return `| ${cells.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join(' | ')} |`;
}

/** The results as one Markdown table (it reads as plain text too, and goes into the README). */
export function renderTable(results: readonly ScenarioResult[]): string {
  const header = ['#', 'Benchmark', 'Result', 'Same-run baseline', 'Ratio', 'Target', 'Met'];
  const lines: string[][] = [];
  results.forEach((result, index) => {
    result.lines.forEach((line: BenchLine, lineIndex) => {
      lines.push([
        lineIndex === 0 ? String(index + 1) : '',
        line.name,
        line.result,
        line.baseline ?? '',
        ratioText(line.ratio),
        line.target ?? '',
        metText(line.met),
      ]);
    });
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((cells) => (cells[column] ?? '').length)),
  );
  const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
  return [row(header, widths), rule, ...lines.map((cells) => row(cells, widths))].join('\n');
}

/** Notes under the table: what each scenario says about how it was measured. */
export function renderNotes(results: readonly ScenarioResult[]): string {
  return results
    .flatMap((result) => result.notes.map((note) => `- ${result.scenario}: ${note}`))
    .join('\n');
}
