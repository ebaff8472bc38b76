import { z } from 'zod';
import cron from 'node-cron';
import { isTimeZone } from '../time/zoned-time';

// Small field parsers for environment strings. An empty value counts as unset, so `FOO=` in a
// compose file falls back to the default. Messages never echo values of secret settings.

function blankToUndefined(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

/** An optional text setting. */
export function optionalText() {
  return z.preprocess(blankToUndefined, z.string().trim().optional());
}

/** A text setting; `fallback` when unset. */
export function text(fallback: string) {
  return optionalText().transform((value) => value ?? fallback);
}

/** A whole number within bounds. */
export function int(fallback: number, min: number, max: number) {
  return z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined) return fallback;
        const parsed = Number(value);
        if (/^-?\d+$/.test(value) && parsed >= min && parsed <= max) return parsed;
        ctx.addIssue({
          code: 'custom',
          message: `must be a whole number from ${min} to ${max}, got "${value}"`,
        });
        return z.NEVER;
      }),
  );
}

/** An optional whole number within bounds. */
export function optionalInt(min: number, max: number) {
  return int(Number.NaN, min, max).transform((value) => (Number.isNaN(value) ? undefined : value));
}

/** A positive decimal number, e.g. a rate. */
export function positiveNumber(fallback: number) {
  return text(String(fallback)).transform((value, ctx) => {
    const parsed = Number(value);
    if (Number.isFinite(parsed) && parsed > 0) return parsed;
    ctx.addIssue({ code: 'custom', message: `must be a positive number, got "${value}"` });
    return z.NEVER;
  });
}

const TRUE = ['true', '1', 'yes', 'on'];
const FALSE = ['false', '0', 'no', 'off'];

/** true/false (also 1/0, yes/no, on/off). */
export function bool(fallback: boolean) {
  return text(String(fallback)).transform((value, ctx) => {
    const lower = value.toLowerCase();
    if (TRUE.includes(lower)) return true;
    if (FALSE.includes(lower)) return false;
    ctx.addIssue({ code: 'custom', message: `must be true or false, got "${value}"` });
    return z.NEVER;
  });
}

/** One of a fixed list of words, or undefined when unset. */
export function optionalOneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return optionalText().transform((value, ctx) => {
    if (value === undefined || (values as readonly string[]).includes(value)) {
      return value as T[number] | undefined;
    }
    ctx.addIssue({
      code: 'custom',
      message: `must be one of ${values.join(', ')}, got "${value}"`,
    });
    return z.NEVER;
  });
}

/** One of a fixed list of words; `fallback` when unset. */
export function oneOf<const T extends readonly [string, ...string[]]>(
  values: T,
  fallback: T[number],
) {
  return optionalOneOf(values).transform((value): T[number] => value ?? fallback);
}

/** A comma-separated list; blanks dropped. */
export function list() {
  return text('').transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  );
}

/** An absolute http(s) URL; secret URLs are not echoed in the message. */
export function httpUrl(options: { secret?: boolean } = {}) {
  return optionalText().transform((value, ctx) => {
    if (value === undefined) return undefined;
    if (isUrl(value, ['http:', 'https:'])) return value.replace(/\/+$/, '');
    const got = options.secret ? '' : `, got "${value}"`;
    ctx.addIssue({ code: 'custom', message: `must be an http:// or https:// URL${got}` });
    return z.NEVER;
  });
}

/** A URL with one of the given schemes; never echoed, it may hold a password. */
export function secretUrl(protocols: string[], what: string) {
  return optionalText().transform((value, ctx) => {
    if (value === undefined || isUrl(value, protocols)) return value;
    ctx.addIssue({ code: 'custom', message: `must be ${what}` });
    return z.NEVER;
  });
}

function isUrl(value: string, protocols: string[]): boolean {
  try {
    const url = new URL(value);
    return protocols.includes(url.protocol) && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** A cron expression node-cron accepts (5 or 6 fields), or `off`. */
export function cronExpression(fallback: string) {
  return text(fallback).transform((value, ctx) => {
    if (value === 'off' || cron.validate(value)) return value;
    ctx.addIssue({ code: 'custom', message: `is not a valid cron expression: "${value}"` });
    return z.NEVER;
  });
}

/** An IANA time zone name such as Europe/Moscow. */
export function timeZone(fallback: string) {
  return text(fallback).transform((value, ctx) => {
    if (isTimeZone(value)) return value;
    ctx.addIssue({ code: 'custom', message: `is not a known IANA time zone: "${value}"` });
    return z.NEVER;
  });
}

/** A size such as 256kb, 1mb or a plain number of bytes. */
export function byteSize(fallback: string) {
  return text(fallback).transform((value, ctx) => {
    const match = /^(\d+)\s*(b|kb|mb)?$/i.exec(value);
    const units: Record<string, number> = { b: 1, kb: 1024, mb: 1024 * 1024 };
    const bytes = match ? Number(match[1]) * (units[(match[2] ?? 'b').toLowerCase()] ?? 1) : 0;
    if (bytes > 0) return bytes;
    ctx.addIssue({ code: 'custom', message: `must be a size like 256kb or 1mb, got "${value}"` });
    return z.NEVER;
  });
}
