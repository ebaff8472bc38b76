import type { Knex } from 'knex';
import type { StoredDocument } from './document-types';

// What the documents area needs from the fiscal core (src/fiscal), as narrow interfaces: the
// composition root passes the real service, unit tests pass fakes.

/** One entry for a document's history (the events table). */
export interface NewEvent {
  companyKey: string;
  documentId: number;
  type: string;
  message: string;
  data?: unknown;
  actor?: string;
}

export interface EventRecorder {
  record(trx: Knex | Knex.Transaction, event: NewEvent): Promise<unknown>;
}

export interface ManualSendOptions {
  newId: boolean;
  actor: string;
  sendNow?: boolean;
}

/**
 * A document's first attempt as the fiscal core plans it: the exact ATOL body under its first
 * external id and its history entry. The shop API stores it with the document in one statement.
 */
export interface FirstAttempt {
  operation: string;
  externalId: string;
  generation: number;
  apiVersion: number;
  request: object;
  dueInSeconds: number;
  /** Its history entry; the attempt's id is added to the data as `attemptId` once it has one. */
  event: { type: string; message: string; data: Record<string, unknown> };
}

/** The fiscal core's operations the shop API calls. */
export interface FiscalPort {
  /** Plans the first attempt (due now) of a document about to be stored. */
  planFirstAttempt(
    document: Pick<StoredDocument, 'companyKey' | 'kind' | 'shopId' | 'receipt' | 'documentDate'>,
  ): FirstAttempt;
  /** Sends one attempt right away (SEND_MODE=sync); the result is recorded by the core. */
  sendAttemptNow(attemptId: number): Promise<unknown>;
  /**
   * A manual send or resend under the exactly-once rules; throws ConflictError when refused.
   * `sendNow` sends at once instead of leaving it to the queue (default: SEND_MODE=sync).
   */
  sendDocument(documentId: number, options: ManualSendOptions): Promise<unknown>;
  /** Asks ATOL for the report of the document's waiting transaction now. */
  refreshDocument(documentId: number, actor: string): Promise<unknown>;
}
