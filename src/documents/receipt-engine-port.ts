import type { DocumentKind } from './document-types';

export interface BuiltShopReceipt {
  receipt: unknown;
  totalKopecks: number;
  /** The document's date: its `createdAt`, or the time the receipt was built. */
  documentDate: Date;
  /** Remarks for the document's history, e.g. `vat_remapped`. */
  notes: ReadonlyArray<{ type: string; message: string; data?: unknown }>;
}

/** A shop document the engine has parsed, ready to become a receipt. */
export interface ParsedShopDocument {
  /** The shop's id of the document. */
  id: string;
  orderId?: string | undefined;
  invoiceId?: string | undefined;
  /** The parsed body as it should be compared for repeats: no defaults that depend on time. */
  canonical: unknown;
  /**
   * Builds the receipt; throws UnprocessableError (422). `invoiceDate` is the date of the
   * invoice a refund belongs to: a refund of an invoice dated before 2026 keeps its VAT rates.
   */
  buildReceipt(context: { invoiceDate?: Date }): BuiltShopReceipt;
}

/** The receipt engine (src/receipt) as the document service calls it, settings bound. */
export interface ReceiptEnginePort {
  /** Throws ValidationError (400) naming every failing field. */
  parse(kind: DocumentKind, body: unknown): ParsedShopDocument;
}
