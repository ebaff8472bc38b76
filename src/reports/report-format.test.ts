import fc from 'fast-check';
import { formatRoubles } from '../money/kopecks';
import { formatTable } from './report-text';

describe('formatRoubles', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [100, '1.00'],
    [123456, '1 234.56'],
    [-93457, '-934.57'],
    [100000000001, '1 000 000 000.01'],
  ])('when %p kopecks are formatted, then the text is %p', (kopecks, text) => {
    expect(formatRoubles(kopecks)).toBe(text);
  });

  it('when any integer amount is formatted, then the digits read back to the same kopecks', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 50), max: 2 ** 50 }), (kopecks) => {
        const digits = formatRoubles(kopecks).replace(/[ .]/g, '');
        expect(BigInt(digits)).toBe(BigInt(kopecks));
      }),
    );
  });

  it('when the amount is not an integer, then it is refused', () => {
    expect(() => formatRoubles(0.1)).toThrow(RangeError);
  });
});

describe('formatTable', () => {
  it('when rows are formatted, then numbers line up on the right', () => {
    const table = formatTable(['', 'Done', 'Total'], [['Invoices', '2', '1 234.56']]);

    expect(table.split('\n')).toEqual([
      '          Done     Total',
      '--------  ----  --------',
      'Invoices     2  1 234.56',
    ]);
  });
});
