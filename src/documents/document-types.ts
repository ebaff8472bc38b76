/** What the shop sent: an invoice (ATOL `sell`) or a refund (`sell_refund`). */
export const DOCUMENT_KINDS = ['invoice', 'refund'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

const WITH_ARTICLE: Record<DocumentKind, string> = { invoice: 'an invoice', refund: 'a refund' };
const TITLES: Record<DocumentKind, string> = { invoice: 'Invoice', refund: 'Refund' };

/** The kind with its article, for messages: "an invoice", "a refund". */
export function kindWithArticle(kind: DocumentKind): string {
  return WITH_ARTICLE[kind];
}

/** How messages name a document: kind and the shop's id ("Invoice 100000123"), not our row id. */
export function documentName(document: { kind: DocumentKind; shopId: string }): string {
  return `${TITLES[document.kind]} ${document.shopId}`;
}

/**
 * stored (waits for a manual send) → queued (an attempt is due or in flight) → wait (registered
 * at ATOL, result pending) → done | failed.
 */
export const DOCUMENT_STATUSES = ['stored', 'queued', 'wait', 'done', 'failed'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** A row of the documents table, in camelCase. */
export interface StoredDocument {
  id: number;
  companyKey: string;
  kind: DocumentKind;
  shopId: string;
  orderId: string | null;
  invoiceId: string | null;
  /** The body as the shop sent it. */
  body: unknown;
  bodyHash: string;
  /** The normalised receipt model built by the receipt engine (kopecks, thousandths). */
  receipt: unknown;
  totalKopecks: number;
  status: DocumentStatus;
  documentDate: Date;
  createdAt: Date;
  updatedAt: Date;
}

/** What the document service inserts. */
export type NewDocument = Omit<StoredDocument, 'id' | 'createdAt' | 'updatedAt'>;

/** Filters and paging of the documents list; `cursor` is the last id of the previous page. */
export interface DocumentFilters {
  status?: DocumentStatus | undefined;
  kind?: DocumentKind | undefined;
  /** Received at or after this time. */
  from?: Date | undefined;
  /** Received before this time. */
  to?: Date | undefined;
  orderId?: string | undefined;
  /** The shop's document id or order id, exactly (the admin pages' search box). */
  search?: string;
  limit: number;
  cursor?: number | undefined;
}

/** One page of the list, newest first; `nextCursor` is absent on the last page. */
export interface DocumentPage {
  documents: StoredDocument[];
  nextCursor?: number;
}
