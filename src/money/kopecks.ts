// Money is integer kopecks and quantities are integer thousandths everywhere inside kkm. Decimal
// text is parsed digit by digit and never multiplied as a float, so `10.005` is refused instead
// of being rounded, and `1.15` is 115 kopecks exactly.

/** The largest price or sum ATOL accepts: (2³² − 1) kopecks = 42 949 672.95 (reference §3.12). */
export const MAX_ATOL_KOPECKS = 4_294_967_295;

/** The largest quantity ATOL v4 accepts: 99 999.999, in thousandths (reference §3.5). */
export const MAX_QUANTITY_THOUSANDTHS = 99_999_999;

/** Why a decimal text was not accepted. */
export type DecimalProblem = 'not_decimal' | 'negative' | 'too_many_decimals' | 'too_large';

export type DecimalResult =
  { ok: true; value: number } | { ok: false; problem: DecimalProblem; decimals: number };

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Parses a JSON number or a decimal string into an integer count of 1/10^decimals units
 * (`decimals` 2 gives kopecks, 3 thousandths). A number is read through its shortest decimal
 * text (`String(0.1)` is `"0.1"`), so no float arithmetic touches the value.
 */
export function parseDecimal(input: unknown, decimals: number, maxDigits: number): DecimalResult {
  const fail = (problem: DecimalProblem): DecimalResult => ({ ok: false, problem, decimals });
  const numberIssue = typeof input === 'number' ? numberProblem(input) : undefined;
  if (numberIssue) return fail(numberIssue);
  const text = typeof input === 'number' ? String(input) : input;
  if (typeof text !== 'string') return fail('not_decimal');

  const match = DECIMAL.exec(text);
  if (!match) return fail('not_decimal');
  const [, sign, whole = '', fraction = ''] = match;
  if (sign === '-') return fail('negative');
  if (fraction.length > decimals) return fail('too_many_decimals');
  const digits = whole.replace(/^0+(?=\d)/, '');
  if (digits.length > maxDigits) return fail('too_large');

  return { ok: true, value: Number(digits + fraction.padEnd(decimals, '0')) };
}

/** Why a JSON number has no decimal text we accept, if it has none. */
function numberProblem(value: number): DecimalProblem | undefined {
  if (!Number.isFinite(value)) return 'not_decimal';
  if (value < 0) return 'negative';
  // String() uses exponent form only below 1e-6 or from 1e21 on: too precise or too large.
  if (/e/i.test(String(value))) return value < 1 ? 'too_many_decimals' : 'too_large';
  return undefined;
}

/** Kopecks as decimal text with exactly two decimals: 105 → "1.05". */
export function formatKopecks(kopecks: number): string {
  return formatFixed(kopecks, 2);
}

/**
 * Kopecks as roubles text with two decimals and the whole roubles grouped by three digits:
 * 123456 → "1 234.56" (`thousands` is the separator between groups).
 */
export function formatRoubles(kopecks: number, thousands = ' '): string {
  const text = formatKopecks(kopecks);
  const point = text.indexOf('.');
  return text.slice(0, point).replace(/\B(?=(\d{3})+$)/g, thousands) + text.slice(point);
}

/** Thousandths as decimal text with at most three decimals: 47800 → "47.8", 2000 → "2". */
export function formatThousandths(thousandths: number): string {
  return formatFixed(thousandths, 3).replace(/\.?0+$/, '');
}

function formatFixed(units: number, decimals: number): string {
  if (!Number.isSafeInteger(units)) throw new RangeError(`not a whole number: ${units}`);
  const sign = units < 0 ? '-' : '';
  const digits = String(Math.abs(units)).padStart(decimals + 1, '0');
  const cut = digits.length - decimals;
  return `${sign}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

/** Kopecks as the JSON number ATOL expects: exactly representable text, at most 2 decimals. */
export function kopecksToNumber(kopecks: number): number {
  return Number(formatKopecks(kopecks));
}

/** Thousandths as a JSON number with at most 3 decimals. */
export function thousandthsToNumber(thousandths: number): number {
  return Number(formatThousandths(thousandths));
}

/**
 * `numerator / denominator` rounded half up (away from zero for halves of positive values),
 * in exact integer arithmetic. Both inputs must be non-negative; the denominator positive.
 */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (numerator < 0n || denominator <= 0n) throw new RangeError('divideHalfUp: out of range');
  return (2n * numerator + denominator) / (2n * denominator);
}

/** round_half_up(price × quantity) in kopecks: price in kopecks, quantity in thousandths. */
export function lineSum(priceKopecks: number, quantityThousandths: number): number {
  const exact = BigInt(priceKopecks) * BigInt(quantityThousandths);
  return toSafeNumber(divideHalfUp(exact, 1000n));
}

/** VAT inside a sum at `percent`: round_half_up(sum × r / (100 + r)) (reference §10.2). */
export function vatInside(sumKopecks: number, percent: number): number {
  if (percent === 0) return 0;
  return toSafeNumber(divideHalfUp(BigInt(sumKopecks) * BigInt(percent), BigInt(100 + percent)));
}

/** A bigint known to be small enough, as a number; throws rather than lose precision. */
export function toSafeNumber(value: bigint): number {
  const result = Number(value);
  if (!Number.isSafeInteger(result)) throw new RangeError(`value out of range: ${value}`);
  return result;
}
