import { MAX_ATOL_KOPECKS, MAX_QUANTITY_THOUSANDTHS, lineSum, vatInside } from '../money/kopecks';
import { MAX_NAME_LENGTH } from './names';
import type { Receipt } from './receipt-types';
import { vatPercent } from './vat-rates';

// The rules of shop-api.md "What the receipt must satisfy", checked on the finished receipt. The
// engine calls this last and throws instead of returning a receipt that breaks one: a breach is
// a bug in kkm, and a broken receipt must never reach ATOL.

const MAX_LINES = 100;

/** Thrown when a built receipt breaks a rule; a bug, answered as 500 and never sent. */
export class ReceiptInvariantError extends Error {
  constructor(readonly breaches: string[]) {
    super(`receipt breaks ${breaches.length} rule(s): ${breaches.join('; ')}`);
  }
}

export interface ReceiptExpectations {
  prepaidKopecks: number;
  /** Each document row's share of the total, by its path (`items.0`, `shipping`). */
  shares: Map<string, number>;
}

const whole = (value: number) => Number.isSafeInteger(value);

/** Every breach of the receipt rules; empty when the receipt is fine. */
export function receiptBreaches(receipt: Receipt, expected?: ReceiptExpectations): string[] {
  const breaches: string[] = [];
  const breach = (text: string) => breaches.push(text);
  const { lines, payments, totalKopecks } = receipt;

  if (lines.length < 1 || lines.length > MAX_LINES) breach(`${lines.length} lines`);
  lines.forEach((line, index) => {
    const at = `line ${index}`;
    const { priceKopecks: price, quantityThousandths: quantity, sumKopecks: sum } = line;
    if (![price, quantity, sum].every(whole)) return breach(`${at}: not whole units`);
    if (sum !== lineSum(price, quantity)) breach(`${at}: sum ≠ price × quantity`);
    if (sum <= 0 || price <= 0) breach(`${at}: zero or negative`);
    if (price > MAX_ATOL_KOPECKS || sum > MAX_ATOL_KOPECKS) breach(`${at}: over ATOL's limit`);
    if (quantity <= 0 || quantity > MAX_QUANTITY_THOUSANDTHS) breach(`${at}: quantity`);
    if (line.vat.sumKopecks !== vatInside(sum, vatPercent(line.vat.type))) breach(`${at}: VAT`);
    if (line.name.length === 0 || line.name.length > MAX_NAME_LENGTH) breach(`${at}: name`);
    return undefined;
  });

  const linesSum = lines.reduce((sum, line) => sum + line.sumKopecks, 0);
  const paid = payments.reduce((sum, payment) => sum + payment.sumKopecks, 0);
  if (linesSum !== totalKopecks) breach('Σ lines ≠ total');
  if (paid !== totalKopecks) breach('Σ payments ≠ total');
  if (totalKopecks <= 0 || totalKopecks > MAX_ATOL_KOPECKS) breach('total out of range');
  if (payments.some((payment) => payment.sumKopecks <= 0)) breach('a zero payment');
  if (new Set(payments.map((payment) => payment.type)).size !== payments.length) {
    breach('a payment type twice');
  }
  if (!receipt.client.email && !receipt.client.phone) breach('no client contact');
  if (expected) shareBreaches(receipt, expected, breach);
  return breaches;
}

function shareBreaches(
  receipt: Receipt,
  expected: ReceiptExpectations,
  breach: (text: string) => void,
) {
  const prepaid = receipt.payments.find((payment) => payment.type === 2)?.sumKopecks ?? 0;
  if (prepaid !== expected.prepaidKopecks) breach('payment type 2 ≠ prepaid');
  const bySource = new Map<string, number>();
  for (const line of receipt.lines) {
    bySource.set(line.source, (bySource.get(line.source) ?? 0) + line.sumKopecks);
  }
  for (const [path, share] of expected.shares) {
    if ((bySource.get(path) ?? 0) !== share) breach(`${path}: lines ≠ its share`);
  }
}

/** Throws ReceiptInvariantError when the receipt breaks a rule. */
export function assertReceipt(receipt: Receipt, expected?: ReceiptExpectations): void {
  const breaches = receiptBreaches(receipt, expected);
  if (breaches.length > 0) throw new ReceiptInvariantError(breaches);
}
