import type { Receipt, ReceiptLine } from './receipt-types';

// Small builders of receipt models for the unit tests beside the engine (not used in src).

export function aLine(overrides: Partial<ReceiptLine> = {}): ReceiptLine {
  return {
    source: 'items.0',
    name: 'Чайник электрический',
    priceKopecks: 249000,
    quantityThousandths: 1000,
    sumKopecks: 249000,
    vat: { type: 'vat22', sumKopecks: 44902 },
    paymentMethod: 'full_payment',
    paymentObject: 'commodity',
    measurementUnit: 'шт',
    ...overrides,
  };
}

export function aReceipt(overrides: Partial<Receipt> = {}): Receipt {
  const lines = overrides.lines ?? [aLine()];
  const total = lines.reduce((sum, line) => sum + line.sumKopecks, 0);
  return {
    kind: 'invoice',
    operation: 'sell',
    documentDate: '2026-03-14T09:40:05.000Z',
    vatDate: '2026-03-14',
    client: { email: 'buyer@example.org' },
    company: {
      inn: '7712345678',
      sno: 'osn',
      paymentAddress: 'https://teapot-shop.example',
      email: 'receipts@teapot-shop.example',
    },
    lines,
    payments: [{ type: 1, sumKopecks: total }],
    totalKopecks: total,
    ...overrides,
  };
}
