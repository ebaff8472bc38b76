import { spreadTotal, type SpreadRow } from './spreading';

const item = (amount: number, units = 1): SpreadRow => ({
  amount,
  quantity: units * 1000,
  shipping: false,
});
const shipping = (amount: number): SpreadRow => ({ amount, quantity: 1000, shipping: true });

describe('spreadTotal', () => {
  it('when the rows already make the total, then nothing moves', () => {
    expect(spreadTotal([item(2000, 3), shipping(300)], 2300)).toEqual({
      ok: true,
      shares: [2000, 300],
      spread: false,
    });
  });

  it('when a coupon is spread, then shares follow the amounts and shipping keeps its own', () => {
    expect(spreadTotal([item(70000), item(30000, 2), shipping(5000)], 90000)).toEqual({
      ok: true,
      shares: [59500, 25500, 5000],
      spread: true,
    });
  });

  it('when a share does not divide the quantity, then a nearby one that does is used', () => {
    // 99.99 over two equal rows of 3 units: exact 49.995 each, which 3 units cannot carry
    const result = spreadTotal([item(6000, 3), item(6000, 3)], 9999);

    expect(result).toEqual({ ok: true, shares: [5001, 4998], spread: true });
  });

  it('when the leftover fits no row, then two rows move together', () => {
    const result = spreadTotal([item(6000, 3), item(4000, 2)], 9001);

    expect(result.ok && result.shares.reduce((a, b) => a + b)).toBe(9001);
    expect(result.ok && result.shares[0]! % 3).toBe(0);
    expect(result.ok && result.shares[1]! % 2).toBe(0);
  });

  it('when nothing but splitting can reach the total, then one row takes the leftover', () => {
    // all rows have 2 units: an odd total needs one row written as two lines
    const result = spreadTotal([item(2000, 2), item(2000, 2)], 3001);

    expect(result.ok && result.shares.filter((share) => share % 2 !== 0)).toHaveLength(1);
  });

  it('when asked, then shipping takes the leftover instead of a split', () => {
    const rows = [item(2000, 2), item(2000, 2), shipping(300)];
    const result = spreadTotal(rows, 3301, { shippingTakesLeftover: true });

    expect(result).toMatchObject({ ok: true, spread: true });
    expect(result.ok && result.shares.slice(0, 2).every((share) => share % 2 === 0)).toBe(true);
    expect(result.ok && result.shares[2]).not.toBe(300);
  });

  it('when the difference is larger than the items, then shipping carries part of it', () => {
    expect(spreadTotal([item(100), shipping(300)], 200)).toEqual({
      ok: true,
      shares: [50, 150],
      spread: true,
    });
  });

  it('when only shipping is left, then it carries the whole difference', () => {
    expect(spreadTotal([item(0), shipping(300)], 250)).toEqual({
      ok: true,
      shares: [0, 250],
      spread: true,
    });
  });

  it('when the items are discounted to nothing, then they get nothing and shipping stays', () => {
    expect(spreadTotal([item(100), shipping(300)], 300)).toEqual({
      ok: true,
      shares: [0, 300],
      spread: true,
    });
  });

  it('when a surcharge is spread, then the rows grow in proportion', () => {
    expect(spreadTotal([item(100), item(300)], 800)).toEqual({
      ok: true,
      shares: [200, 600],
      spread: true,
    });
  });

  it('when no row has an amount, then the total cannot be carried', () => {
    expect(spreadTotal([item(0)], 100)).toMatchObject({ ok: false });
  });

  it('when the total cannot give each unit a kopeck, then it is refused', () => {
    expect(spreadTotal([item(100000, 1000)], 999)).toMatchObject({ ok: false });
  });
});
