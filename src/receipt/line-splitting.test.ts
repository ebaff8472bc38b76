import fc from 'fast-check';
import { lineSum } from '../money/kopecks';
import {
  fitsOneLine,
  minimumShare,
  oneLineNeighbours,
  priceRange,
  splitShare,
} from './line-splitting';

describe('splitShare', () => {
  it('when a share divides by the quantity, then it is one line', () => {
    expect(splitShare(25500, 2000)).toEqual([
      { priceKopecks: 12750, quantityThousandths: 2000, sumKopecks: 25500 },
    ]);
  });

  it('when 20.00 falls over 3 units, then it is 6.67 × 2 and 6.66 × 1', () => {
    expect(splitShare(2000, 3000)).toEqual([
      { priceKopecks: 667, quantityThousandths: 2000, sumKopecks: 1334 },
      { priceKopecks: 666, quantityThousandths: 1000, sumKopecks: 666 },
    ]);
  });

  it('when a fractional quantity can carry the share at one price, then it is one line', () => {
    expect(splitShare(6000, 500)).toEqual([
      { priceKopecks: 12000, quantityThousandths: 500, sumKopecks: 6000 },
    ]);
  });

  it('when 47.8 kg must come to 1 051.00, then the whole part and the rest are split', () => {
    const lines = splitShare(105100, 47800);

    expect(lines).toEqual([
      { priceKopecks: 2199, quantityThousandths: 47000, sumKopecks: 103353 },
      { priceKopecks: 2184, quantityThousandths: 800, sumKopecks: 1747 },
    ]);
  });

  it('when a share is smaller than a kopeck per unit, then there is no way to write it', () => {
    expect(splitShare(2, 3000)).toBeUndefined();
    expect(splitShare(1, 1500)).toBeUndefined();
    expect(splitShare(0, 1000)).toBeUndefined();
  });

  it('when any share from the minimum up is split, then the lines keep rule 6', () => {
    const quantity = fc.oneof(
      fc.integer({ min: 1, max: 99_999 }).map((units) => units * 1000),
      fc.integer({ min: 1, max: 99_999_999 }),
    );
    fc.assert(
      fc.property(quantity, fc.integer({ min: 0, max: 100_000_000 }), (q, extra) => {
        const share = minimumShare(q) + (q >= 1000 ? 1 : 0) + extra;
        const lines = splitShare(share, q);
        if (!lines) throw new Error(`no lines for ${share} over ${q}`);
        expect(lines.length).toBeLessThanOrEqual(2);
        expect(lines.reduce((sum, line) => sum + line.sumKopecks, 0)).toBe(share);
        expect(lines.reduce((sum, line) => sum + line.quantityThousandths, 0)).toBe(q);
        for (const line of lines) {
          expect(line.sumKopecks).toBe(lineSum(line.priceKopecks, line.quantityThousandths));
          expect(line.priceKopecks).toBeGreaterThan(0);
          expect(line.sumKopecks).toBeGreaterThan(0);
        }
        if (lines.length === 2 && q % 1000 === 0) {
          expect(lines[0]!.priceKopecks - lines[1]!.priceKopecks).toBe(1);
        }
        if (lines.length === 2 && q % 1000 !== 0) {
          expect(lines[0]!.quantityThousandths).toBe(Math.floor(q / 1000) * 1000);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('one-line helpers', () => {
  it('when prices for a sum are asked, then the whole interval is given', () => {
    expect(priceRange(21, 3000)).toEqual({ lo: 7, hi: 7 });
    expect(priceRange(20, 3000).lo).toBeGreaterThan(priceRange(20, 3000).hi);
    expect(priceRange(60, 500)).toEqual({ lo: 119, hi: 120 }); // 1.19 × 0.5 = 0.595 → 0.60
  });

  it('when the neighbours of a sum are asked, then the nearest one-line sums are given', () => {
    expect(oneLineNeighbours(2000, 3000)).toEqual({ below: 1998, above: 2001 });
    expect(fitsOneLine(2001, 3000)).toBe(true);
    expect(oneLineNeighbours(105100, 47800)).toEqual({ below: 105064, above: 105112 });
  });
});
