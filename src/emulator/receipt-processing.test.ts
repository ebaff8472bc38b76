import { vatOf } from './receipt-processing';

describe('vatOf (reference §10.2)', () => {
  it.each([
    [30000, 18, 4576],
    [10000, 10, 909],
    [100000, 18, 15254],
    [1194000, 18, 182136],
    [7200000, 18, 1098305],
    [12000, 20, 2000],
    [122000, 22, 22000],
    [105000, 5, 5000],
    [1, 22, 0],
    [0, 10, 0],
  ])('when the sum is %i kopecks at %i %%, then the VAT inside is %i', (sum, rate, vat) => {
    expect(vatOf(sum, rate)).toBe(vat);
  });
});
