import type { ReceiptClient } from './contacts';
import type {
  DocumentKind,
  PaymentMethod,
  PaymentObject,
  PaymentType,
  ReceiptOperation,
  Sno,
  VatType,
} from './receipt-enums';

export type { ReceiptClient };

/**
 * One receipt line. Money in kopecks, quantity in thousandths; `sum` is always
 * round_half_up(price × quantity) and VAT is taken out of `sum` (reference §10).
 */
export interface ReceiptLine {
  /** The document field the line comes from: `items.3` or `shipping`. */
  source: string;
  name: string;
  priceKopecks: number;
  quantityThousandths: number;
  sumKopecks: number;
  vat: { type: VatType; sumKopecks: number };
  paymentMethod: PaymentMethod;
  paymentObject: PaymentObject;
  measurementUnit?: string;
}

export interface ReceiptCompany {
  inn: string;
  sno: Sno;
  paymentAddress: string;
  email: string;
}

export interface ReceiptPayment {
  type: PaymentType;
  sumKopecks: number;
}

/**
 * The normalised receipt: everything the request factory needs for any API version, and plain
 * JSON (no Date), so it can be stored in `documents.receipt` and read back unchanged.
 */
export interface Receipt {
  kind: DocumentKind;
  operation: ReceiptOperation;
  /** The document's date-time (ISO 8601, UTC): `createdAt`, or the time it was built. */
  documentDate: string;
  /** The document's local date `YYYY-MM-DD`, which picks the VAT rates (shop-api.md rule 9). */
  vatDate: string;
  client: ReceiptClient;
  company: ReceiptCompany;
  lines: ReceiptLine[];
  payments: ReceiptPayment[];
  totalKopecks: number;
}

export type ReceiptNoteType =
  'vat_remapped' | 'vat_kept' | 'contact_dropped' | 'total_spread' | 'line_split' | 'name_cut';

/** Something the engine decided that belongs in the document's history (an event). */
export interface ReceiptNote {
  type: ReceiptNoteType;
  message: string;
  data: Record<string, unknown>;
}

export interface BuildReceiptResult {
  receipt: Receipt;
  notes: ReceiptNote[];
}

/** Per-document facts that are not in the body. */
export interface BuildContext {
  /** The document's date when it has no `createdAt`; default: the current time. */
  now?: Date;
  /**
   * For a refund: the date of the invoice it refunds, as the service stored it. Wins over the
   * body's `invoiceDate`. A refund of an invoice dated before 2026 keeps that invoice's rates.
   */
  invoiceDate?: Date;
}
