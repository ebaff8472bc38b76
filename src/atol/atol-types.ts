/** Registration operations of ATOL Online (reference §2); v4 knows the first six. */
export type AtolOperation =
  | 'sell'
  | 'sell_refund'
  | 'buy'
  | 'buy_refund'
  | 'sell_correction'
  | 'buy_correction'
  | 'sell_refund_correction'
  | 'buy_refund_correction';

/**
 * `error.type` on the wire (reference §5.2). Codes are unique only within a type, so every
 * decision branches on the pair (type, code) (reference §7).
 */
export type AtolErrorType = 'system' | 'unknown' | 'none' | 'driver' | 'agent' | 'timeout';

/** ATOL's error object; `errorId` is what ATOL support asks for. */
export interface AtolError {
  code: number;
  type: AtolErrorType;
  text: string;
  errorId?: string;
}

/** Why a document failed at ATOL, which decides how it is resubmitted (reference §7.4). */
export type FailureClass = 'data' | 'register' | 'timeout';

/** Fiscal attributes of a registered receipt (reference §5.2 `payload`), as ATOL names them. */
export interface FiscalPayload {
  fiscal_receipt_number: number;
  shift_number: number;
  receipt_datetime: string;
  total: number;
  fn_number: string;
  ecr_registration_number: string;
  fiscal_document_number: number;
  fiscal_document_attribute: number;
  fns_site: string;
  ofd_inn?: string | undefined;
  ofd_receipt_url?: string | undefined;
}

/** A report (GET report/<uuid>) or callback body, parsed. Extra wire fields are kept. */
export interface AtolReport {
  uuid: string;
  status: 'wait' | 'done' | 'fail';
  error: AtolError | null;
  payload: FiscalPayload | null;
  timestamp?: string | undefined;
  group_code?: string | undefined;
  daemon_code?: string | undefined;
  device_code?: string | undefined;
  external_id?: string | undefined;
  callback_url?: string | undefined;
  warnings?: Record<string, unknown> | null | undefined;
}

/** What every outcome carries about the HTTP exchange that produced it. */
export interface ExchangeInfo {
  httpStatus?: number;
  durationMs: number;
  response?: unknown;
}

export type RegisterOutcome = ExchangeInfo &
  (
    | { kind: 'registered'; uuid: string }
    /** Code 33: the external id is known; `uuid` is the first document's (reference §7.3). */
    | { kind: 'duplicate'; uuid: string }
    /** Will not succeed as sent: configuration, account or data problem. Do not loop. */
    | { kind: 'rejected'; error: AtolError; fields: string[] }
    /** Worth retrying with the same external id after a back-off. */
    | { kind: 'unavailable'; reason: string; error?: AtolError }
  );

/** The state of a registered document, from a report or a callback. */
export type ReportState =
  | { kind: 'wait' }
  | { kind: 'done'; payload: FiscalPayload; report: AtolReport }
  | { kind: 'fail'; error: AtolError; errorClass: FailureClass; report: AtolReport };

export type ReportOutcome = ExchangeInfo &
  (
    | ReportState
    /** Code 30: ATOL does not know this uuid (reference §7.4: recover it through 33). */
    | { kind: 'unknown_uuid'; error?: AtolError }
    | { kind: 'unavailable'; reason: string; error?: AtolError }
    | { kind: 'rejected'; error: AtolError }
  );

/** Links a request-log row to our records. */
export interface AtolCallContext {
  documentId?: number;
  attemptId?: number;
}

export type AtolAction = 'getToken' | 'register' | 'report';

/** One ATOL exchange as written to the request log: secrets and contacts already masked. */
export interface AtolRequestLogEntry extends AtolCallContext {
  companyKey: string;
  method: 'GET' | 'POST';
  url: string;
  action: AtolAction;
  httpStatus?: number;
  durationMs: number;
  request?: unknown;
  response?: unknown;
  error?: string;
  /** A network error, an ATOL error or a non-success status. */
  failed: boolean;
}

/** The part of a winston logger the client uses. */
export interface AtolLogger {
  debug(message: string, meta?: Record<string, unknown>): unknown;
  warn(message: string, meta?: Record<string, unknown>): unknown;
  /** Winston's check; when it says debug is off, bodies are not masked for the log. */
  isLevelEnabled?(level: string): boolean;
}
