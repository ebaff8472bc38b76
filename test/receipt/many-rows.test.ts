import { AppError } from '../../src/errors/errors';
import { checkV4Body } from './receipt-oracle';
import { testPreviewService } from './receipt-fixtures';

// ATOL takes at most 100 lines (reference §3.5). Long documents whose totals force spreading must
// stay within that or be refused with the reason; a broken receipt is never produced.

const preview = testPreviewService();

interface RowSpec {
  price: string;
  quantity: number;
  discount?: string;
}

function document(rows: RowSpec[], total: string, shipping?: string) {
  return {
    id: 'MANY-1',
    createdAt: '2025-06-10T12:00:00+03:00',
    customer: { email: 'buyer@example.org' },
    items: rows.map((row, index) => ({ name: `Товар ${index}`, vat: 'vat10', ...row })),
    ...(shipping ? { shipping: { name: 'Доставка', price: shipping, vat: 'vat10' } } : {}),
    total,
  };
}

function refusal(body: unknown): AppError {
  try {
    preview.preview('invoice', body);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('the document was not refused');
}

function built(body: unknown) {
  const { request } = preview.preview('invoice', body) as { request: any };
  expect(checkV4Body(request).problems).toEqual([]);
  return request.receipt;
}

describe('many rows', () => {
  it('when 100 rows of 3 units take an order discount, then the receipt keeps to 100 lines', () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({ price: `${10 + i}.00`, quantity: 3 }));
    // 5 900.01 is a multiple of 0.03, so one price per row can reach it.
    const receipt = built(document(rows, '5900.01'));

    expect(receipt.items).toHaveLength(100);
    expect(receipt.total).toBe(5900.01);
  });

  it('when 100 rows of mixed quantities take an odd discount, then no row is split', () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({ price: '99.90', quantity: 2 + (i % 5) }));
    const receipt = built(document(rows, '31234.57'));

    expect(receipt.items).toHaveLength(100);
  });

  it('when leftover kopecks fit no item, then shipping carries them within 100 lines', () => {
    // Every row has 2 units: an odd total cannot be reached with one price per row.
    const rows = Array.from({ length: 99 }, () => ({ price: '10.00', quantity: 2 }));
    const receipt = built(document(rows, '1999.99', '300.00'));

    expect(receipt.items).toHaveLength(100);
    expect(receipt.items[99].name).toBe('Доставка');
    expect(receipt.items[99].sum).not.toBe(300);
  });

  it('when 100 rows of 2 units cannot reach an odd total, then it is refused with why', () => {
    const rows = Array.from({ length: 100 }, () => ({ price: '10.00', quantity: 2 }));
    const error = refusal(document(rows, '1500.01'));

    expect(error.status).toBe(422);
    expect(error.details?.fields).toEqual([
      { path: 'items', message: 'needs 101 receipt lines to add up; ATOL allows 100' },
    ]);
  });

  it('when 60 rows need two lines each for their discounts, then it is refused with why', () => {
    const rows = Array.from({ length: 60 }, () => ({
      price: '10.00',
      quantity: 3,
      discount: '10.00',
    }));
    const error = refusal(document(rows, '1200.00'));

    expect(error.status).toBe(422);
    expect(error.details?.fields).toEqual([
      { path: 'items', message: 'needs 120 receipt lines to add up; ATOL allows 100' },
    ]);
  });

  it('when 50 rows need two lines each, then the 100-line receipt is built', () => {
    const rows = Array.from({ length: 50 }, () => ({
      price: '10.00',
      quantity: 3,
      discount: '10.00',
    }));
    const receipt = built(document(rows, '1000.00'));

    expect(receipt.items).toHaveLength(100);
  });
});
