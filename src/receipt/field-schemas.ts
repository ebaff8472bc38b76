import { z } from 'zod';
import { type DecimalProblem, parseDecimal } from '../money/kopecks';

// Field parsers shared by the invoice and refund schemas. Every one refuses rather than guesses:
// money with three decimals is an error (shop-api.md), and every string has an upper bound so
// that a hostile body is refused before any work is done on it.

const MONEY_DIGITS = 11; // up to 99 999 999 999.99: far above ATOL's limit, still exact integers
const QUANTITY_DIGITS = 5; // ATOL v4: at most 99 999.999 (reference §3.5)

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function decimalMessage(problem: DecimalProblem, decimals: number, what: string): string {
  switch (problem) {
    case 'negative':
      return `${what} must not be negative`;
    case 'too_many_decimals':
      return `${what} has more than ${decimals} decimals`;
    case 'too_large':
      return `${what} is too large`;
    default:
      return `${what} must be a JSON number or a decimal string such as "1990.50"`;
  }
}

/** A missing required field says so, instead of zod's "expected string, received undefined". */
export const requiredError = {
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : undefined),
};

/** null counts as absent: many shop platforms send null for an unset field. */
function nullToUndefined(value: unknown): unknown {
  return value === null ? undefined : value;
}

/** Money: a JSON number or decimal string, ≥ 0, at most 2 decimals → integer kopecks. */
export function money() {
  return z.unknown().transform((value, ctx) => {
    if (value === undefined) {
      ctx.addIssue({ code: 'custom', message: 'is required' });
      return z.NEVER;
    }
    const parsed = parseDecimal(value, 2, MONEY_DIGITS);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: 'custom', message: decimalMessage(parsed.problem, 2, 'an amount') });
    return z.NEVER;
  });
}

/** Optional money; absent or null gives `fallback` kopecks. */
export function optionalMoney(fallback: number) {
  return z.preprocess(nullToUndefined, money().optional()).transform((value) => value ?? fallback);
}

/** Quantity: > 0, at most 3 decimals, at most 99 999.999 → integer thousandths. */
export function quantity() {
  return z.unknown().transform((value, ctx) => {
    const parsed = value === undefined ? undefined : parseDecimal(value, 3, QUANTITY_DIGITS);
    if (parsed?.ok && parsed.value > 0) return parsed.value;
    const message =
      parsed === undefined
        ? 'is required'
        : parsed.ok
          ? 'a quantity must be greater than 0'
          : decimalMessage(parsed.problem, 3, 'a quantity');
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  });
}

/** Text up to `max` characters with no control characters; surrounding spaces removed. */
export function plainText(max: number) {
  return z
    .string(requiredError)
    .max(max, `at most ${max} characters`)
    .trim()
    .min(1, 'must not be empty')
    .refine((value) => !CONTROL.test(value), 'must not contain control characters');
}

/** A product name: runs of white space (tabs, line breaks) become one space. */
export function itemName(max: number) {
  return z
    .string(requiredError)
    .max(max, `at most ${max} characters`)
    .transform((value) => value.replace(/\s+/g, ' ').trim())
    .pipe(plainText(max));
}

/** An optional field: absent or null gives undefined. */
export function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(nullToUndefined, schema.optional());
}

/** One of `values`, with a message that lists them. */
export function oneOf<T extends string>(values: readonly [T, ...T[]]) {
  return z.enum(values, { error: () => `must be one of: ${values.join(', ')}` });
}

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** ISO 8601 date-time with an offset (`2026-12-03T10:15:00+03:00`) → Date. */
export function isoDateTime() {
  return z
    .string()
    .max(40, 'at most 40 characters')
    .transform((value, ctx) => {
      const date = parseIsoWithOffset(value);
      if (date) return date;
      ctx.addIssue({
        code: 'custom',
        message: 'must be an ISO 8601 date-time with an offset, e.g. 2026-12-03T10:15:00+03:00',
      });
      return z.NEVER;
    });
}

function parseIsoWithOffset(value: string): Date | undefined {
  const match = ISO_WITH_OFFSET.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second = '00', fraction = '', zone] = match;
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number) as number[];
  const calendar = new Date(Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 0, h ?? 0, mi ?? 0, s ?? 0));
  const sameDay =
    calendar.getUTCFullYear() === y &&
    calendar.getUTCMonth() + 1 === mo &&
    calendar.getUTCDate() === d &&
    calendar.getUTCHours() === h &&
    calendar.getUTCMinutes() === mi &&
    calendar.getUTCSeconds() === s;
  if (!sameDay || (y ?? 0) < 2000 || (y ?? 0) > 2099) return undefined;
  const millis = (fraction || '.').slice(0, 4).padEnd(4, '0');
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}${millis}${zone}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
