import { kopecksToNumber, thousandthsToNumber, vatInside } from '../money/kopecks';
import { formatAtolTimestamp } from '../time/zoned-time';
import type { PaymentMethod, PaymentObject, Sno, VatType } from './receipt-enums';
import type { RequestInput, RequestModule } from './request-factory';
import type { ReceiptClient, ReceiptLine } from './receipt-types';
import { vatPercent } from './vat-rates';

// ATOL v4 (FFD 1.05) receipt body, reference §3. Money and quantities are JSON numbers written
// from integers through their decimal text, so they carry at most 2 (money) or 3 (quantity)
// decimals and no float noise (reference §3.12).

export interface AtolV4Item {
  name: string;
  price: number;
  quantity: number;
  sum: number;
  measurement_unit?: string;
  payment_method: PaymentMethod;
  payment_object: PaymentObject;
  vat: { type: VatType; sum: number };
}

export interface AtolV4Body {
  timestamp: string;
  external_id: string;
  service?: { callback_url: string };
  receipt: {
    client: ReceiptClient;
    company: { email: string; sno: Sno; inn: string; payment_address: string };
    items: AtolV4Item[];
    payments: Array<{ type: number; sum: number }>;
    vats?: Array<{ type: VatType; sum: number }>;
    total: number;
  };
}

/** reference §3.9: at most 6 elements in `vats`. */
const MAX_VATS = 6;

function item(line: ReceiptLine): AtolV4Item {
  return {
    name: line.name,
    price: kopecksToNumber(line.priceKopecks),
    quantity: thousandthsToNumber(line.quantityThousandths),
    sum: kopecksToNumber(line.sumKopecks),
    ...(line.measurementUnit === undefined ? {} : { measurement_unit: line.measurementUnit }),
    payment_method: line.paymentMethod,
    payment_object: line.paymentObject,
    vat: { type: line.vat.type, sum: kopecksToNumber(line.vat.sumKopecks) },
  };
}

/**
 * The receipt-level VAT per rate (reference §10.3): round(Σ sums × r / (100 + r)) for each rate.
 * ATOL does not say whether it sums the rounded line amounts instead; when the two ways differ
 * by more than a kopeck for any rate, `vats` is left out and ATOL uses the line amounts. Also
 * left out beyond six rates, the most `vats` may hold.
 */
export function receiptVats(lines: readonly ReceiptLine[]): AtolV4Body['receipt']['vats'] {
  const byRate = new Map<VatType, { sums: number; lineVats: number }>();
  for (const line of lines) {
    const rate = byRate.get(line.vat.type) ?? { sums: 0, lineVats: 0 };
    rate.sums += line.sumKopecks;
    rate.lineVats += line.vat.sumKopecks;
    byRate.set(line.vat.type, rate);
  }
  if (byRate.size > MAX_VATS) return undefined;
  const vats = [...byRate].map(([type, rate]) => ({
    type,
    kopecks: vatInside(rate.sums, vatPercent(type)),
    lineVats: rate.lineVats,
  }));
  if (vats.some((vat) => Math.abs(vat.kopecks - vat.lineVats) > 1)) return undefined;
  return vats.map((vat) => ({ type: vat.type, sum: kopecksToNumber(vat.kopecks) }));
}

/** Builds the v4 body for `sell`, `sell_refund`, `buy` and `buy_refund`. */
export function buildAtolV4Body(input: RequestInput): AtolV4Body {
  const { receipt } = input;
  const vats = receiptVats(receipt.lines);
  return {
    timestamp: formatAtolTimestamp(input.timestamp, input.timeZone),
    external_id: input.externalId,
    ...(input.callbackUrl ? { service: { callback_url: input.callbackUrl } } : {}),
    receipt: {
      client: { ...receipt.client },
      company: {
        email: receipt.company.email,
        sno: receipt.company.sno,
        inn: receipt.company.inn,
        payment_address: receipt.company.paymentAddress,
      },
      items: receipt.lines.map(item),
      payments: receipt.payments.map((p) => ({ type: p.type, sum: kopecksToNumber(p.sumKopecks) })),
      ...(vats ? { vats } : {}),
      total: kopecksToNumber(receipt.totalKopecks),
    },
  };
}

export const atolV4Module: RequestModule = {
  operations: ['sell', 'sell_refund', 'buy', 'buy_refund'],
  build: buildAtolV4Body,
};
