import type { Knex } from 'knex';
import type {
  AtolError,
  AtolOperation,
  FailureClass,
  FiscalPayload,
  ReportOutcome,
  ReportState,
} from '../atol/atol-types';
import type { StoredDocument } from '../documents/document-types';

/**
 * new (due at nextTryAt) → sending (claimed by lockedBy until lockedUntil) → sent (ATOL gave a
 * uuid) | error (rejected by ATOL, or out of tries). A failed send goes back to new.
 */
export type AttemptStatus = 'new' | 'sending' | 'sent' | 'error';

/** One external id's life: the exact ATOL body, replayed as stored on every retry. */
export interface Attempt {
  id: number;
  companyKey: string;
  documentId: number;
  operation: AtolOperation;
  externalId: string;
  generation: number;
  apiVersion: number;
  status: AttemptStatus;
  request: Record<string, unknown>;
  response: unknown;
  error: unknown;
  httpStatus: number | null;
  durationMs: number | null;
  /** How many times it was claimed for sending; with lockedBy it names one claim. */
  tries: number;
  nextTryAt: Date | null;
  lockedBy: string | null;
  lockedUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** wait (registered, result pending) → done | fail. Never back to wait. */
export type TransactionStatus = 'wait' | 'done' | 'fail';

/** Where a final status came from. */
export type ResultSource = 'callback' | 'poll' | 'manual';

/**
 * Why a transaction failed: ATOL's failure class, or `lost` when ATOL forgot the uuid (code 30)
 * and resubmitting the same external id gave a new one, which replaced this transaction.
 */
export type TransactionErrorClass = FailureClass | 'lost';

/** ATOL's record of a registered receipt, by the uuid ATOL gave. */
export interface FiscalTransaction {
  id: number;
  companyKey: string;
  documentId: number;
  attemptId: number;
  uuid: string;
  externalId: string;
  operation: AtolOperation;
  status: TransactionStatus;
  payload: FiscalPayload | null;
  error: AtolError | null;
  errorClass: TransactionErrorClass | null;
  report: unknown;
  resultSource: ResultSource | null;
  polls: number;
  nextPollAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

/** Kinds of entries in a document's history. Other areas may add their own. */
export type EventType =
  | 'accepted'
  | 'vat_remapped'
  | 'queued'
  | 'sending'
  | 'registered'
  | 'duplicate_adopted'
  | 'retry_scheduled'
  | 'rejected'
  | 'done'
  | 'failed'
  | 'resent'
  | 'manual_send'
  | 'manual_refresh'
  | 'callback'
  | 'no_result'
  | 'uuid_recovered'
  | 'uuid_replaced'
  | 'uuid_lost'
  | (string & {});

/** One entry of a document's history. */
export interface FiscalEvent {
  id: number;
  companyKey: string;
  documentId: number;
  type: EventType;
  message: string;
  data: unknown;
  actor: string | null;
  createdAt: Date;
}

/** What the fiscal core needs of a stored document. */
export type FiscalDocument = Pick<
  StoredDocument,
  'id' | 'companyKey' | 'kind' | 'shopId' | 'receipt' | 'documentDate'
>;

/** What the request factory is asked for (src/receipt, contract in the spec). */
export interface BuildRequestInput {
  apiVersion: number;
  operation: AtolOperation;
  /** The stored receipt model; the factory checks it. */
  receipt: unknown;
  externalId: string;
  callbackUrl?: string;
  timestamp: Date;
  timeZone: string;
}

/** The part of the request factory the fiscal core calls. */
export interface FiscalRequestFactory {
  build(input: BuildRequestInput): object;
}

/** A report from a poll, a callback or a manual refresh; other outcomes change nothing. */
export type ApplicableOutcome = ReportState | ReportOutcome;

/** Told inside the transaction that makes a document final (the webhook outbox uses it). */
export interface FinalNotice {
  documentId: number;
  companyKey: string;
  status: 'done' | 'failed';
  /** Why it failed, in words; absent for done. */
  reason?: string;
}

export type OnFinal = (trx: Knex.Transaction, notice: FinalNotice) => Promise<void>;
