import type { FieldProblem } from '../errors/errors';
import { MAX_ATOL_KOPECKS, divideHalfUp } from '../money/kopecks';
import type { PaymentMethod, PaymentObject, ShopVatType, VatType } from './receipt-enums';
import type { ShopDocument } from './receipt-schemas';
import type { CheckedSettings } from './receipt-settings';
import { resolveVat } from './vat-rates';

/** The local dates VAT rates depend on: the document's and, for a refund, its invoice's. */
export interface VatDates {
  document: string;
  invoice?: string;
}

/** One row of the document (an item or the shipping) with its amount and resolved rate. */
export interface DocumentRow {
  /** Field path: `items.3` or `shipping`. */
  path: string;
  name: string;
  /** round_half_up(price × quantity) − discount, in kopecks. */
  amount: number;
  /** Thousandths. */
  quantity: number;
  shipping: boolean;
  /** `kept`: an old rate kept for a refund of an invoice dated before the change (rule 9). */
  vat: { type: VatType; percent: number; requested: ShopVatType; kept: boolean };
  paymentMethod: PaymentMethod;
  paymentObject: PaymentObject;
  measurementUnit?: string;
}

export interface RowsResult {
  rows: DocumentRow[];
  problems: FieldProblem[];
}

const SHIPPING_NAME = 'Доставка';
const SHIPPING_QUANTITY = 1000;

/** The document's rows; every discount larger than its row and every refused rate is a problem. */
export function documentRows(
  doc: ShopDocument,
  settings: CheckedSettings,
  dates: VatDates,
): RowsResult {
  const rows: DocumentRow[] = [];
  const problems: FieldProblem[] = [];

  doc.items.forEach((item, index) => {
    const path = `items.${index}`;
    const gross = divideHalfUp(BigInt(item.price) * BigInt(item.quantity), 1000n);
    const amount = amountAfterDiscount(gross, item.discount, path, problems);
    const vat = rowVat(item.vat ?? settings.defaultVat, dates, path, problems);
    const unit = item.measurementUnit ?? settings.defaultMeasurementUnit;
    if (amount === undefined || !vat) return;
    rows.push({
      path,
      name: item.name,
      amount,
      quantity: item.quantity,
      shipping: false,
      vat,
      paymentMethod: item.paymentMethod ?? settings.defaultPaymentMethod,
      paymentObject: item.paymentObject ?? settings.defaultPaymentObject,
      ...(unit === '' ? {} : { measurementUnit: unit }),
    });
  });

  const shipping = doc.shipping;
  if (shipping) {
    const amount = amountAfterDiscount(
      BigInt(shipping.price),
      shipping.discount,
      'shipping',
      problems,
    );
    const vat = rowVat(shipping.vat ?? settings.defaultVat, dates, 'shipping', problems);
    if (amount !== undefined && vat) {
      rows.push({
        path: 'shipping',
        name: shipping.name ?? SHIPPING_NAME,
        amount,
        quantity: SHIPPING_QUANTITY,
        shipping: true,
        vat,
        paymentMethod: shipping.paymentMethod ?? settings.defaultPaymentMethod,
        paymentObject: shipping.paymentObject ?? settings.shippingPaymentObject,
        ...(shipping.measurementUnit ? { measurementUnit: shipping.measurementUnit } : {}),
      });
    }
  }
  return { rows, problems };
}

function amountAfterDiscount(
  gross: bigint,
  discount: number,
  path: string,
  problems: FieldProblem[],
): number | undefined {
  const amount = gross - BigInt(discount);
  if (amount < 0n) {
    problems.push({ path: `${path}.discount`, message: 'is larger than what it discounts' });
    return undefined;
  }
  // Rows may exceed ATOL's line limit before an order discount is spread; beyond a hundred times
  // that limit no spreading can bring them back, and the numbers must stay exact.
  if (amount > BigInt(MAX_ATOL_KOPECKS) * 100n) {
    problems.push({ path, message: 'the row amount is far beyond what ATOL accepts' });
    return undefined;
  }
  return Number(amount);
}

function rowVat(requested: ShopVatType, dates: VatDates, path: string, problems: FieldProblem[]) {
  const decision = resolveVat(requested, dates.document, dates.invoice);
  if (decision.ok) {
    const { type, percent, kept } = decision;
    return { type, percent, requested, kept: kept === true };
  }
  problems.push({ path: `${path}.vat`, message: decision.reason });
  return undefined;
}
