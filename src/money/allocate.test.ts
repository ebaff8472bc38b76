import fc from 'fast-check';
import { allocateByLargestRemainder } from './allocate';

describe('allocateByLargestRemainder', () => {
  it('when 2000.00 is shared over three equal rows, then one kopeck goes to the first two', () => {
    expect(allocateByLargestRemainder(200000, [100000, 100000, 100000])).toEqual([
      66667, 66667, 66666,
    ]);
  });

  it('when remainders differ, then the largest remainders get the kopecks', () => {
    // exact shares 3.3, 3.6, 3.1 → floors 3, 3, 3 and one left for the 0.6
    expect(allocateByLargestRemainder(10, [33, 36, 31])).toEqual([3, 4, 3]);
  });

  it('when a weight is zero, then its part is zero', () => {
    expect(allocateByLargestRemainder(7, [0, 1, 0, 1])).toEqual([0, 4, 0, 3]);
  });

  it('when everything is zero, then the parts are zero', () => {
    expect(allocateByLargestRemainder(0, [0, 0])).toEqual([0, 0]);
  });

  it('when an amount has nowhere to go or is not whole, then it throws', () => {
    expect(() => allocateByLargestRemainder(1, [0, 0])).toThrow(RangeError);
    expect(() => allocateByLargestRemainder(1.5, [1])).toThrow(RangeError);
    expect(() => allocateByLargestRemainder(1, [-1, 2])).toThrow(RangeError);
  });

  it('when any amount is shared, then the parts add up and each is within one of its share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_294_967_295 }),
        fc.array(fc.integer({ min: 0, max: 4_294_967_295 }), { minLength: 1, maxLength: 101 }),
        (amount, weights) => {
          fc.pre(weights.some((weight) => weight > 0));
          const parts = allocateByLargestRemainder(amount, weights);
          const whole = weights.reduce((sum, weight) => sum + weight, 0);
          expect(parts.reduce((sum, part) => sum + part, 0)).toBe(amount);
          parts.forEach((part, index) => {
            const exact = (amount * (weights[index] ?? 0)) / whole;
            expect(Math.abs(part - exact)).toBeLessThan(1 + 1e-6);
          });
          expect(allocateByLargestRemainder(amount, weights)).toEqual(parts);
        },
      ),
      { numRuns: 500 },
    );
  });
});
