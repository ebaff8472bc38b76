import {
  divideHalfUp,
  formatKopecks,
  formatThousandths,
  kopecksToNumber,
  lineSum,
  parseDecimal,
  thousandthsToNumber,
  vatInside,
} from './kopecks';

const money = (value: unknown) => parseDecimal(value, 2, 11);

describe('parseDecimal', () => {
  it.each([
    [1990, 199000],
    [1990.5, 199050],
    ['1990.50', 199050],
    ['0.1', 10],
    [0.1, 10],
    [1.15, 115],
    [0.29, 29],
    ['007.05', 705],
    [-0, 0],
  ])('when money is %p, then it is %p kopecks exactly', (input, kopecks) => {
    expect(money(input)).toEqual({ ok: true, value: kopecks });
  });

  it.each([
    [10.005, 'too_many_decimals'],
    ['10.005', 'too_many_decimals'],
    ['1990.500', 'too_many_decimals'],
    [1e-7, 'too_many_decimals'],
    [-1, 'negative'],
    ['-0.01', 'negative'],
    ['-0', 'negative'],
    [1e21, 'too_large'],
    ['100000000000', 'too_large'],
    ['1e3', 'not_decimal'],
    [' 10', 'not_decimal'],
    ['10.', 'not_decimal'],
    ['.5', 'not_decimal'],
    ['+5', 'not_decimal'],
    ['', 'not_decimal'],
    [Number.NaN, 'not_decimal'],
    [Infinity, 'not_decimal'],
    [null, 'not_decimal'],
    [true, 'not_decimal'],
    [{}, 'not_decimal'],
  ])('when money is %p, then it is refused as %s, not rounded', (input, problem) => {
    expect(money(input)).toEqual({ ok: false, problem, decimals: 2 });
  });

  it('when a quantity has three decimals, then it is whole thousandths', () => {
    expect(parseDecimal(47.8, 3, 5)).toEqual({ ok: true, value: 47800 });
    expect(parseDecimal('99999.999', 3, 5)).toEqual({ ok: true, value: 99999999 });
    expect(parseDecimal('100000', 3, 5)).toMatchObject({ ok: false, problem: 'too_large' });
  });
});

describe('formatting', () => {
  it('when kopecks are written, then the text has exactly two decimals', () => {
    expect(formatKopecks(105)).toBe('1.05');
    expect(formatKopecks(5)).toBe('0.05');
    expect(formatKopecks(-150)).toBe('-1.50');
    expect(formatKopecks(4294967295)).toBe('42949672.95');
  });

  it('when kopecks become JSON numbers, then no float noise appears', () => {
    for (let kopecks = 0; kopecks < 100_000; kopecks += 7) {
      const text = JSON.stringify(kopecksToNumber(kopecks));
      expect(text).toMatch(/^\d+(\.\d{1,2})?$/);
      expect(Math.round(Number(text) * 100)).toBe(kopecks);
    }
    expect(JSON.stringify(kopecksToNumber(4294967295))).toBe('42949672.95');
  });

  it('when thousandths are written, then trailing zeros go', () => {
    expect(formatThousandths(47800)).toBe('47.8');
    expect(formatThousandths(2000)).toBe('2');
    expect(formatThousandths(1)).toBe('0.001');
    expect(JSON.stringify(thousandthsToNumber(99999999))).toBe('99999.999');
  });

  it('when a value is not whole, then formatting throws', () => {
    expect(() => formatKopecks(1.5)).toThrow(RangeError);
  });
});

describe('rounding', () => {
  it('when a half is divided, then it rounds up', () => {
    expect(divideHalfUp(5n, 10n)).toBe(1n);
    expect(divideHalfUp(4n, 10n)).toBe(0n);
    expect(divideHalfUp(15n, 10n)).toBe(2n);
    expect(divideHalfUp(25n, 10n)).toBe(3n);
  });

  it('when price × quantity is taken, then the sum is rounded half up to the kopeck', () => {
    expect(lineSum(2199, 47800)).toBe(105112); // 1051.122
    expect(lineSum(667, 2000)).toBe(1334);
    expect(lineSum(1, 500)).toBe(1); // 0.005 → 0.01
    expect(lineSum(1, 499)).toBe(0);
    expect(lineSum(4294967295, 99999999)).toBe(429496725205033); // beyond 2^53 inside
  });

  it('when VAT is taken out of a sum, then it is sum × r / (100 + r) rounded half up', () => {
    expect(vatInside(30000, 18)).toBe(4576); // reference §10.2 examples
    expect(vatInside(10000, 10)).toBe(909);
    expect(vatInside(100000, 18)).toBe(15254);
    expect(vatInside(12000, 20)).toBe(2000);
    expect(vatInside(249000, 22)).toBe(44902);
    expect(vatInside(12345, 0)).toBe(0);
  });
});
