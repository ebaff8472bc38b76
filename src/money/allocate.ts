import { toSafeNumber } from './kopecks';

/**
 * Splits `amount` whole units (e.g. kopecks) in proportion to `weights` by the largest-remainder
 * method: everyone gets the floor of the exact share, and the units left over go one each to the
 * largest remainders. Ties go to the earlier weight, so the result is deterministic. The parts
 * always add up to `amount` exactly; a zero weight always gets zero.
 */
export function allocateByLargestRemainder(amount: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new RangeError(`amount must be a whole number ≥ 0, got ${amount}`);
  }
  if (weights.some((weight) => !Number.isSafeInteger(weight) || weight < 0)) {
    throw new RangeError('weights must be whole numbers ≥ 0');
  }
  const whole = weights.reduce((sum, weight) => sum + BigInt(weight), 0n);
  if (whole === 0n) {
    if (amount === 0) return weights.map(() => 0);
    throw new RangeError('cannot allocate a non-zero amount over zero weights');
  }

  const exact = weights.map((weight) => BigInt(amount) * BigInt(weight));
  const parts = exact.map((value) => value / whole);
  const remainders = exact.map((value, index) => ({ index, rest: value % whole }));
  let left = amount - parts.reduce((sum, part) => sum + toSafeNumber(part), 0);

  remainders.sort((a, b) => (a.rest === b.rest ? a.index - b.index : a.rest > b.rest ? -1 : 1));
  const result = parts.map(toSafeNumber);
  for (const { index } of remainders) {
    if (left === 0) break;
    result[index] = (result[index] ?? 0) + 1;
    left -= 1;
  }
  return result;
}
