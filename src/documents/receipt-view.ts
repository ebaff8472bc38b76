import { formatKopecks, thousandthsToNumber } from '../money/kopecks';
import type { Receipt } from '../receipt/receipt-types';
import type { ReceiptView } from './document-schemas';

function isReceipt(value: unknown): value is Receipt {
  if (value === null || typeof value !== 'object') return false;
  const receipt = value as Partial<Receipt>;
  return Array.isArray(receipt.lines) && typeof receipt.totalKopecks === 'number';
}

/** The stored receipt model (kopecks, thousandths) as the shop API shows it. */
export function receiptView(stored: unknown): ReceiptView | null {
  if (!isReceipt(stored)) return null;
  return {
    lines: stored.lines.map((line) => ({
      name: line.name,
      price: formatKopecks(line.priceKopecks),
      priceKopecks: line.priceKopecks,
      quantity: thousandthsToNumber(line.quantityThousandths),
      sum: formatKopecks(line.sumKopecks),
      sumKopecks: line.sumKopecks,
      vat: line.vat.type,
      vatSum: formatKopecks(line.vat.sumKopecks),
      paymentMethod: line.paymentMethod,
      paymentObject: line.paymentObject,
      measurementUnit: line.measurementUnit ?? null,
    })),
    payments: stored.payments.map((payment) => ({
      type: payment.type,
      sum: formatKopecks(payment.sumKopecks),
      sumKopecks: payment.sumKopecks,
    })),
    total: formatKopecks(stored.totalKopecks),
    totalKopecks: stored.totalKopecks,
  };
}
