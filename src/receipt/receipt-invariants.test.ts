import { assertReceipt, ReceiptInvariantError, receiptBreaches } from './receipt-invariants';
import { aLine, aReceipt } from './receipt-test-data';

describe('receiptBreaches', () => {
  it('when the receipt is right, then there are no breaches', () => {
    expect(receiptBreaches(aReceipt())).toEqual([]);
  });

  it('when a line sum misses price × quantity, then it is found', () => {
    const receipt = aReceipt({ lines: [aLine({ priceKopecks: 666, quantityThousandths: 3000 })] });

    expect(receiptBreaches(receipt)).toContain('line 0: sum ≠ price × quantity');
  });

  it('when VAT, totals, payments and contacts are wrong, then each is found', () => {
    const receipt = aReceipt({
      lines: [aLine({ vat: { type: 'vat22', sumKopecks: 1 } })],
      payments: [
        { type: 1, sumKopecks: 249000 },
        { type: 2, sumKopecks: 0 },
      ],
      totalKopecks: 249001,
      client: {},
    });

    expect(receiptBreaches(receipt)).toEqual([
      'line 0: VAT',
      'Σ lines ≠ total',
      'Σ payments ≠ total',
      'a zero payment',
      'no client contact',
    ]);
  });

  it('when a row gets other than its share, then it is found', () => {
    const expected = { prepaidKopecks: 0, shares: new Map([['items.0', 100]]) };

    expect(receiptBreaches(aReceipt(), expected)).toEqual(['items.0: lines ≠ its share']);
  });

  it('when there are more than 100 lines or a name is too long, then it is found', () => {
    const lines = Array.from({ length: 101 }, () => aLine({ name: 'x'.repeat(129) }));

    expect(receiptBreaches(aReceipt({ lines }))).toContain('101 lines');
    expect(receiptBreaches(aReceipt({ lines }))).toContain('line 0: name');
  });

  it('when asserted on a broken receipt, then it throws instead of returning', () => {
    expect(() => assertReceipt(aReceipt({ totalKopecks: 1 }))).toThrow(ReceiptInvariantError);
  });
});
