import type { FieldProblem } from '../errors/errors';

// PostgreSQL refuses a NUL character in text and jsonb, and jsonb a lone UTF-16 surrogate (JSON
// can write both as \u0000 and \ud800; a query string as %00), and the statement would fail with
// a driver error. Such text is refused at the edge as a 400 naming the field or parameter.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const MAX_DEPTH = 32;

/** Why the database cannot store `text`, or undefined when it can. */
export function unstorableTextProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain a NUL character (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'contains an unpaired UTF-16 surrogate';
  return undefined;
}

/** Every string (and key) in a parsed JSON body that the database cannot store, by path. */
export function findUnstorableText(value: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  walk(value, [], problems);
  return problems;
}

function walk(value: unknown, path: string[], problems: FieldProblem[]): void {
  if (typeof value === 'string') {
    const message = unstorableTextProblem(value);
    if (message) problems.push({ path: path.join('.'), message });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (path.length >= MAX_DEPTH) {
    problems.push({
      path: path.join('.'),
      message: `is nested more than ${MAX_DEPTH} levels deep`,
    });
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    const keyProblem = unstorableTextProblem(key);
    if (keyProblem)
      problems.push({ path: [...path, key].join('.'), message: `name ${keyProblem}` });
    walk(item, [...path, key], problems);
  }
}
