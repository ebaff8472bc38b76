import type { AtolErrorType, AtolOperation, FiscalPayload } from '../atol/atol-types';
import type { Sno } from '../config/config-types';
import type { FaultInput } from './emulator-faults';
import type { V4CorrectionBody, V4ReceiptBody } from './receipt-schema-v4';
import type { VatDateRule } from './vat-date-rules';

/** An ATOL account (login) with its group of registers and the company they are registered to. */
export interface EmulatorAccount {
  login: string;
  password: string;
  groupCode: string;
  /** The company INN in the fiscal drive: a receipt with another INN fails (agent 2003). */
  inn: string;
  /** The registered place of settlement: another `payment_address` fails (agent 2009). */
  paymentAddress: string;
  /** getToken answers 14 (UserBlocked). */
  blocked?: boolean;
  /** Tax systems the registers know; a receipt with another `sno` fails (driver 143). */
  snos?: readonly Sno[];
  /** Fiscal drive serial printed on receipts (16 digits). */
  fnNumber?: string;
  /** Register's registration number at the tax service (16 digits). */
  registrationNumber?: string;
}

/** Schema limits that ATOL's documents disagree on (reference §13 #6). */
export interface EmulatorLimits {
  /** Maximum of `price`, `sum` and payments: 42 949 672.95 = 2^32−1 kopecks. */
  maxMoney: number;
  /** Maximum of `total` (8 integer digits). */
  maxTotal: number;
  maxQuantity: number;
}

export interface EmulatorOptions {
  /** Default: ATOL's public v4 test account and test company (reference §1.2). */
  accounts?: EmulatorAccount[];
  /** Token lifetime; ATOL's is 24 hours. */
  tokenTtlMs?: number;
  /** Time from registration to done/fail; 0 processes on the next tick. Default 1000. */
  processingDelayMs?: number;
  /** Report of a waiting document carries error 34, as ATOL's does (reference §11.3). */
  answer34WhileWaiting?: boolean;
  /** How long the "queue timeout" fault keeps a document waiting; ATOL's is 300 s. */
  queueTimeoutMs?: number;
  callbackTimeoutMs?: number;
  /** Extra callback tries after a network error or a non-2xx answer; ATOL documents none. */
  callbackRetries?: number;
  /**
   * Accept callback URLs on loopback hosts even when they fail ATOL's regex (an IPv6 loopback
   * such as http://[::1]:3000/ does). A deliberate relaxation for local tests; default true.
   */
  allowLoopbackCallbacks?: boolean;
  /** Compare company INN, payment address and tax system with the account (§12.3). */
  checkCompany?: boolean;
  /** Which VAT rates may be used when; default `DEFAULT_VAT_DATE_RULES`. */
  vatDateRules?: readonly VatDateRule[];
  limits?: Partial<EmulatorLimits>;
  /** Also accept `payment_object: "composite"` (valid only in doc 4.6, reference §13 #5). */
  legacyComposite?: boolean;
  /** Zone of the server's `timestamp` and `receipt_datetime`; default Europe/Moscow. */
  timeZone?: string;
  /** Faults active from the start. */
  faults?: FaultInput[];
  /** Address to listen on; default 127.0.0.1. */
  host?: string;
  /** Start, callback failures and faults are logged here; default silent. */
  logger?: EmulatorLogger;
}

/** The part of a winston logger the emulator uses. */
export interface EmulatorLogger {
  info(message: string, meta?: Record<string, unknown>): unknown;
  warn(message: string, meta?: Record<string, unknown>): unknown;
  debug(message: string, meta?: Record<string, unknown>): unknown;
}

/** The options with every default filled in. */
export type ResolvedEmulatorOptions = Required<Omit<EmulatorOptions, 'limits' | 'faults'>> & {
  limits: EmulatorLimits;
  faults: FaultInput[];
};

/** ATOL's error object as it goes on the wire. */
export interface WireError {
  error_id: string;
  code: number;
  text: string;
  type: AtolErrorType;
}

/** What a document does instead of the normal path, decided by faults at registration. */
export interface DocumentFaults {
  fail?: { type: AtolErrorType; code: number; text: string };
  queueTimeout?: boolean;
  lostCallback?: boolean;
  callbackCopies?: number;
  earlyCallback?: boolean;
  /** Until this time (ms) the report answers 34 whatever the state. */
  report34Until?: number;
}

/** A registered document (reference §12 "State"). */
export interface EmulatorDocument {
  uuid: string;
  groupCode: string;
  externalId: string;
  operation: AtolOperation;
  callbackUrl: string;
  warnings: Record<string, string> | null;
  status: 'wait' | 'done' | 'fail';
  payload: FiscalPayload | null;
  error: WireError | null;
  /** The failing fields of a failed document, for the state endpoint (not on ATOL's wire). */
  failedFields?: string[];
  createdAt: number;
  finishedAt?: number;
  /** Register calls with this external id, the first included. */
  submissions: number;
  faults: DocumentFaults;
  /** The validated body, kept only until the document is processed. */
  request?: { receipt: V4ReceiptBody } | { correction: V4CorrectionBody } | undefined;
}
