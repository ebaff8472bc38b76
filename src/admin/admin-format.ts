import { redact } from '../logger/redact';
import { formatRoubles } from '../money/kopecks';
import { formatZonedDateTime } from '../time/zoned-time';
import { html, SafeHtml } from './html';

/** `2026-12-03 10:15:07` on the wall clock of `timeZone`. */
export function formatTime(instant: Date | string | null | undefined, timeZone: string): string {
  if (instant === null || instant === undefined) return '';
  const date = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(date.getTime())) return String(instant);
  return formatZonedDateTime(date, timeZone);
}

/** Kopecks as roubles with a thin space between thousands: `12 345.60`. */
export function formatKopecks(kopecks: number | null | undefined): string {
  if (kopecks === null || kopecks === undefined) return '';
  const roubles = formatRoubles(Math.abs(Math.round(kopecks)), '\u202f');
  return kopecks < 0 ? `−${roubles}` : roubles;
}

/** Thousandths (quantities) as a decimal without trailing zeros: 2, 0.5, 47.8. */
export function formatThousandths(value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return (value / 1000).toFixed(3).replace(/\.?0+$/, '');
}

/**
 * Any stored JSON (ATOL bodies, event data) pretty-printed and masked once more on the way
 * out, so the page stays masked even if a writer forgot to.
 */
export function formatJson(value: unknown): string {
  if (value === null || value === undefined) return '';
  return JSON.stringify(redact(value), null, 2);
}

/** A collapsed block with pretty JSON, or nothing for an empty value. */
export function jsonDetails(label: string, value: unknown): SafeHtml {
  const text = formatJson(value);
  if (text === '') return html``;
  return html`<details>
    <summary>${label}</summary>
    <pre>${text}</pre>
  </details>`;
}

/** The page's query string with some parameters replaced; empty values are left out. */
export function withQuery(
  path: string,
  query: Record<string, string | number | boolean | undefined>,
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '' && value !== false) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
