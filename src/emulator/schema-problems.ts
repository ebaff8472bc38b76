import type { z } from 'zod';

/** A schema violation named the way ATOL's validator prints it: `PropertyRequired: #/a.b[0]`. */
export interface SchemaProblem {
  kind: string;
  /** ATOL's path without the `#/`, e.g. `receipt.items[0].price`. */
  path: string;
}

/** `PropertyRequired: #/receipt.client, NumberTooBig: #/receipt.total` (reference §3.2, S12). */
export function formatProblems(problems: SchemaProblem[]): string {
  return problems.map((problem) => `${problem.kind}: #/${problem.path}`).join(', ');
}

/** `['receipt', 'items', 0, 'price']` → `receipt.items[0].price`. */
export function atolPath(path: readonly PropertyKey[]): string {
  return path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
    .join('')
    .replace(/^\./, '');
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let value = body;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

const TYPE_KINDS: Record<string, string> = {
  string: 'StringExpected',
  number: 'NumberExpected',
  int: 'IntegerExpected',
  boolean: 'BooleanExpected',
  object: 'ObjectExpected',
  array: 'ArrayExpected',
};

const SIZE_KINDS: Record<string, [tooBig: string, tooSmall: string]> = {
  string: ['StringTooLong', 'StringTooShort'],
  number: ['NumberTooBig', 'NumberTooSmall'],
  array: ['TooManyItems', 'TooFewItems'],
};

/** The validator's name for a zod issue (NJsonSchema's ValidationErrorKind, which ATOL prints). */
function kindOf(issue: z.core.$ZodIssue, body: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (valueAt(body, issue.path) === undefined) return 'PropertyRequired';
      return TYPE_KINDS[issue.expected] ?? 'InvalidType';
    case 'too_big':
      return SIZE_KINDS[issue.origin]?.[0] ?? 'NumberTooBig';
    case 'too_small':
      return SIZE_KINDS[issue.origin]?.[1] ?? 'NumberTooSmall';
    case 'invalid_format':
      return 'PatternMismatch';
    case 'not_multiple_of':
      return 'NumberNotMultipleOf';
    case 'invalid_value':
      return 'NotInEnumeration';
    case 'custom':
      return typeof issue.params?.kind === 'string' ? issue.params.kind : 'InvalidValue';
    default:
      return 'InvalidValue';
  }
}

export function problemsOf(error: z.ZodError, body: unknown): SchemaProblem[] {
  return error.issues.map((issue) => ({ kind: kindOf(issue, body), path: atolPath(issue.path) }));
}
