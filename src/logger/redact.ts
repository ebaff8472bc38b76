/** What a masked value is replaced with. */
export const MASK = '[redacted]';

// Keys are compared lower-cased with `-` and `_` removed, so `api_key`, `X-Api-Key` and `apiKey`
// all match. `client` is ATOL's receipt.client block: the buyer's e-mail and phone.
const SECRET_KEY_PARTS = ['password', 'passwd', 'token', 'authorization', 'apikey', 'secret'];
const CONTACT_KEY_PARTS = ['cookie', 'email', 'phone'];
const SECRET_KEY_EXACT = ['pass', 'pwd', 'client', 'contact'];
const SECRET_KEY = new RegExp(
  [...SECRET_KEY_PARTS, ...CONTACT_KEY_PARTS, ...SECRET_KEY_EXACT.map((key) => `^${key}$`)].join(
    '|',
  ),
);

const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const URL_PASSWORD = /(\/\/[^/\s:@]+:)[^@\s/]+@/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

const MAX_DEPTH = 12;

export interface RedactOptions {
  /** Exact secret values (callback secret, API keys) to mask wherever they appear in text. */
  secrets?: readonly string[];
}

/** True when a field with this name holds a secret or a customer contact. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key.toLowerCase().replace(/[-_]/g, ''));
}

// Very short values would mask ordinary words (the development admin password `admin` would
// mask every /admin path); such values are still masked by field name, not inside text.
const MIN_SECRET_LENGTH = 6;

// The secret values of this process (callback secret, API keys, passwords), longest first so a
// secret containing another is masked whole. They are fixed at start and every output must mask
// them (log lines, ATOL request-log rows, admin pages), so the composition root registers them
// once here instead of handing them to each writer.
let processSecrets: readonly string[] = [];

/** Registers the process's own secret values; redact and redactText mask them from then on. */
export function registerSecretValues(values: readonly string[]): void {
  processSecrets = [...new Set([...processSecrets, ...values])]
    .filter((value) => value.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
}

/** Masks bearer tokens, URL passwords, e-mail addresses and known secret values in a text. */
export function redactText(text: string, options: RedactOptions = {}): string {
  let result = text.replace(BEARER, `$1 ${MASK}`).replace(URL_PASSWORD, `$1${MASK}@`);
  result = result.replace(EMAIL, MASK);
  for (const secrets of [processSecrets, options.secrets ?? []]) {
    for (const secret of secrets) {
      if (secret.length >= MIN_SECRET_LENGTH && result.includes(secret)) {
        result = result.split(secret).join(MASK);
      }
    }
  }
  return result;
}

/**
 * Returns a copy of `value` with secrets and customer contacts masked: every field whose name
 * looks secret, and secret-looking text inside any string. This is the one redaction step used
 * by the logger and by the ATOL request log. Errors come back as plain objects (name, message,
 * stack and own fields), so the declared type holds for JSON-like data only.
 */
export function redact<T>(value: T, options: RedactOptions = {}): T {
  return redactValue(value, options, 0, new WeakSet()) as T;
}

function redactValue(
  value: unknown,
  options: RedactOptions,
  depth: number,
  seen: WeakSet<object>,
): unknown {
  if (typeof value === 'string') return redactText(value, options);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  if (seen.has(value) || depth > MAX_DEPTH) return '[circular or too deep]';
  seen.add(value);

  if (Array.isArray(value)) {
    return value.map((item) => redactValue(item, options, depth + 1, seen));
  }
  if (value instanceof Error) return redactError(value, options, depth, seen);

  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    result[key] = isSecretKey(key) ? maskField(item) : redactValue(item, options, depth + 1, seen);
  }
  return result;
}

function maskField(value: unknown): unknown {
  if (value === null || value === undefined || typeof value === 'boolean') return value;
  if (typeof value === 'string' && value.length === 0) return value;
  return MASK;
}

function redactError(
  error: Error,
  options: RedactOptions,
  depth: number,
  seen: WeakSet<object>,
): Record<string, unknown> {
  const fields = redactValue({ ...error }, options, depth + 1, seen) as Record<string, unknown>;
  return {
    ...fields,
    name: error.name,
    message: redactText(error.message, options),
    ...(error.stack === undefined ? {} : { stack: redactText(error.stack, options) }),
  };
}
