import { externalIdFor } from './external-id';
import type { DocumentKind, ReceiptOperation } from './receipt-enums';
import { buildReceipt, operationFor } from './receipt-engine';
import { type ShopDocument, parseDocument } from './receipt-schemas';
import type { ReceiptSettings } from './receipt-settings';
import type { ReceiptNote } from './receipt-types';
import type { RequestFactory } from './request-factory';

export interface PreviewSettings extends ReceiptSettings {
  company: ReceiptSettings['company'] & { key: string; isTestCompany: boolean };
}

export interface PreviewDeps {
  settings: PreviewSettings;
  apiVersion: number;
  factory: RequestFactory;
  /** `service.callback_url` as the real request would carry it; left out when absent. */
  callbackUrl?: string;
  /**
   * How bodies are parsed; default `parseDocument`. The composition root passes the shop API's
   * own parse (which also refuses unknown fields) so that a preview answers as a POST would.
   */
  parse?: (kind: DocumentKind, body: unknown) => ShopDocument;
  /**
   * The date of the stored invoice a refund names, looked up as a POST of the refund does it
   * (the composition root passes the document service's lookup), so that the preview and the
   * stored receipt use the same VAT rates. Without it only the body's `invoiceDate` counts.
   */
  invoiceDateOf?: (invoiceId: string) => Promise<Date | undefined>;
  now?: () => Date;
}

export interface PreviewResult {
  operation: ReceiptOperation;
  apiVersion: number;
  /** The exact ATOL body that sending this document would use (first attempt). */
  request: object;
  /** True when the seller is ATOL's public test company (no company configured). */
  testCompany: boolean;
  notes: ReceiptNote[];
}

export interface PreviewService {
  /**
   * Parses and builds without storing or sending; throws ValidationError / UnprocessableError.
   * `invoiceDate` is the refunded invoice's date when the caller knows it.
   */
  preview(kind: DocumentKind, body: unknown, context?: { invoiceDate?: Date }): PreviewResult;
  /** As `preview`, with a refund's invoice looked up as its POST would (the API route). */
  previewAsPosted(kind: DocumentKind, body: unknown): Promise<PreviewResult>;
}

/** Notice printed and returned when previews use ATOL's test company (reference §1.2). */
export const TEST_COMPANY_NOTICE =
  "no company is configured: the preview uses ATOL's public test company (INN 5544332219)";

/**
 * Preview (shop-api.md): the same parse → build → request path as a real send, stopping before
 * anything is stored or sent. The request's timestamp is the document's date, as for a send.
 */
export function createPreviewService(deps: PreviewDeps): PreviewService {
  const now = deps.now ?? (() => new Date());
  const parse = deps.parse ?? parseDocument;
  function build(kind: DocumentKind, doc: ShopDocument, invoiceDate?: Date): PreviewResult {
    const context = invoiceDate === undefined ? { now: now() } : { now: now(), invoiceDate };
    const { receipt, notes } = buildReceipt(doc, kind, deps.settings, context);
    const operation = operationFor(kind);
    const externalId = externalIdFor({
      companyKey: deps.settings.company.key,
      kind,
      shopId: doc.id,
      generation: 1,
    });
    const request = deps.factory.build({
      apiVersion: deps.apiVersion,
      operation,
      receipt,
      externalId,
      ...(deps.callbackUrl === undefined ? {} : { callbackUrl: deps.callbackUrl }),
      timestamp: new Date(receipt.documentDate),
      timeZone: deps.settings.timeZone,
    });
    const testCompany = deps.settings.company.isTestCompany;
    return { operation, apiVersion: deps.apiVersion, request, testCompany, notes };
  }

  return {
    preview: (kind, body, context = {}) => build(kind, parse(kind, body), context.invoiceDate),

    async previewAsPosted(kind, body) {
      const doc = parse(kind, body);
      const lookup = deps.invoiceDateOf;
      const invoiceId = kind === 'refund' ? doc.invoiceId : undefined;
      const invoiceDate = lookup && invoiceId !== undefined ? await lookup(invoiceId) : undefined;
      return build(kind, doc, invoiceDate);
    },
  };
}
