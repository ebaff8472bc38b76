/** Which final state of a document the shop is told about. */
export type WebhookEvent = 'document.done' | 'document.failed';

/** new (due at nextTryAt) → delivered (the shop answered 2xx) | failed (out of tries). */
export type DeliveryStatus = 'new' | 'delivered' | 'failed';

/** A row of webhook_deliveries. */
export interface WebhookDelivery {
  id: number;
  companyKey: string;
  documentId: number;
  event: WebhookEvent;
  /** The document part of the body, fixed when the delivery was queued. */
  payload: Record<string, unknown>;
  status: DeliveryStatus;
  tries: number;
  nextTryAt: Date;
  responseStatus: number | null;
  lastError: string | null;
}

/** The shop's endpoint and the HMAC secret it verifies signatures with. */
export interface WebhookTarget {
  url: string;
  secret: string;
}

/** One POST to the shop and how it went. */
export interface DeliveryResult {
  ok: boolean;
  status?: number;
  error?: string;
  durationMs: number;
}
