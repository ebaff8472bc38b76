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

/** The fiscal core's operations the shop API calls. */
export interface FiscalPort {
  /** Creates the document's first attempt (due now) inside the caller's transaction. */
  queueFirstAttempt(trx: Knex.Transaction, document: StoredDocument): Promise<{ id: number }>;
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
