import crypto from 'node:crypto';

/**
 * JSON with object keys sorted at every level, so two bodies that differ only in key order (or
 * whitespace) give the same text. `undefined` members are left out, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;

  const entries = Object.entries(value)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`);
  return `{${entries.join(',')}}`;
}

/** The hash that tells a repeat of a document (same hash) from a conflict (another hash). */
export function bodyHash(parsedBody: unknown): string {
  return crypto.createHash('sha256').update(canonicalJson(parsedBody)).digest('hex');
}
