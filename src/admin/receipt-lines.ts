import { z } from 'zod';

/** One receipt line as the document page shows it: money in kopecks, quantity in thousandths. */
export interface ReceiptLineView {
  name: string;
  priceKopecks: number;
  quantityThousandths: number;
  measurementUnit: string | null;
  sumKopecks: number;
  vat: string;
  vatKopecks: number;
}

/** A payment of the receipt: type 1 (paid now) or 2 (paid earlier), in kopecks. */
export interface ReceiptPaymentView {
  type: number;
  sumKopecks: number;
}

export interface ReceiptLinesView {
  lines: ReceiptLineView[];
  payments: ReceiptPaymentView[];
}

// The stored receipt model (documents.receipt: `Receipt` of src/receipt/receipt-types.ts).
// Only the fields the page shows are read, and checked: the column is JSON and may hold an
// older shape.
const lineSchema = z.object({
  name: z.string(),
  priceKopecks: z.number(),
  quantityThousandths: z.number(),
  measurementUnit: z.string().optional(),
  sumKopecks: z.number(),
  vat: z.object({ type: z.string(), sumKopecks: z.number() }),
});
const paymentSchema = z.object({ type: z.number(), sumKopecks: z.number() });

const receiptSchema = z.object({
  lines: z.array(z.unknown()),
  payments: z.array(z.unknown()).optional(),
});

/** The lines and payments of a stored receipt; entries it cannot read are left out. */
export function receiptLines(receipt: unknown): ReceiptLinesView {
  const parsed = receiptSchema.safeParse(receipt);
  if (!parsed.success) return { lines: [], payments: [] };

  const lines: ReceiptLineView[] = [];
  for (const item of parsed.data.lines) {
    const line = lineSchema.safeParse(item);
    if (!line.success) continue;
    const { vat, measurementUnit, ...rest } = line.data;
    lines.push({
      ...rest,
      measurementUnit: measurementUnit ?? null,
      vat: vat.type,
      vatKopecks: vat.sumKopecks,
    });
  }
  const payments = (parsed.data.payments ?? []).flatMap((item) => {
    const payment = paymentSchema.safeParse(item);
    return payment.success ? [payment.data] : [];
  });
  return { lines, payments };
}
