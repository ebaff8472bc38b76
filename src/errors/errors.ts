/** One failing input field, named by its dotted path (`items.2.quantity`). */
export interface FieldProblem {
  path: string;
  message: string;
}

export interface AppErrorOptions {
  /** HTTP status the error handler answers with. */
  status: number;
  /** Stable machine code clients can switch on, e.g. `validation_failed`. */
  code: string;
  /** Extra fields merged into the error body (for example `fields`). Must be safe to show. */
  details?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * The base of every error we raise on purpose. Its message and details reach the client, so they
 * must never hold secrets or driver text; anything else becomes a generic 500.
 */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(message: string, options: AppErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.status = options.status;
    this.code = options.code;
    this.details = options.details;
  }
}

interface SubclassOptions {
  code?: string;
  details?: Record<string, unknown>;
  cause?: unknown;
}

function withDefaults(status: number, code: string, options: SubclassOptions): AppErrorOptions {
  return { ...options, status, code: options.code ?? code };
}

/** 400: the input is malformed; `fields` names every failing field by path. */
export class ValidationError extends AppError {
  readonly fields: FieldProblem[];

  constructor(message: string, fields: FieldProblem[], options: SubclassOptions = {}) {
    const details = { ...options.details, fields };
    super(message, withDefaults(400, 'validation_failed', { ...options, details }));
    this.fields = fields;
  }
}

/** 422: the input is well formed but cannot be done (e.g. lines that cannot add up). */
export class UnprocessableError extends AppError {
  readonly fields: FieldProblem[];

  constructor(message: string, fields: FieldProblem[], options: SubclassOptions = {}) {
    const details = { ...options.details, fields };
    super(message, withDefaults(422, 'unprocessable', { ...options, details }));
    this.fields = fields;
  }
}

/** 401: no or wrong credentials. */
export class UnauthorizedError extends AppError {
  constructor(message = 'Authentication required', options: SubclassOptions = {}) {
    super(message, withDefaults(401, 'unauthorized', options));
  }
}

/** 403: credentials are fine, the action is not allowed. */
export class ForbiddenError extends AppError {
  constructor(message = 'Forbidden', options: SubclassOptions = {}) {
    super(message, withDefaults(403, 'forbidden', options));
  }
}

/** 404: the thing asked for does not exist. */
export class NotFoundError extends AppError {
  constructor(message = 'Not found', options: SubclassOptions = {}) {
    super(message, withDefaults(404, 'not_found', options));
  }
}

/** 409: the request clashes with what is stored (e.g. same document id, other body). */
export class ConflictError extends AppError {
  constructor(message: string, options: SubclassOptions = {}) {
    super(message, withDefaults(409, 'conflict', options));
  }
}

/** 413: the request body is over the configured limit. */
export class PayloadTooLargeError extends AppError {
  constructor(message = 'Request body is too large', options: SubclassOptions = {}) {
    super(message, withDefaults(413, 'payload_too_large', options));
  }
}

/** 503: a dependency (database, ATOL) is not available right now; try again later. */
export class ServiceUnavailableError extends AppError {
  constructor(message = 'Service unavailable', options: SubclassOptions = {}) {
    super(message, withDefaults(503, 'service_unavailable', options));
  }
}

/** Turns zod-style issue paths into our dotted field paths. */
export function toFieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((part) => String(part)).join('.');
}

/**
 * Converts zod issues (or anything shaped like them) into field problems. An unrecognized-keys
 * issue sits on the object that holds the keys; it becomes one problem per key, at its path.
 */
export function fieldsFromIssues(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string; keys?: unknown }>,
): FieldProblem[] {
  return issues.flatMap((issue) => {
    if (!Array.isArray(issue.keys) || issue.keys.length === 0) {
      return [{ path: toFieldPath(issue.path), message: issue.message }];
    }
    return issue.keys.map((key) => ({
      path: toFieldPath([...issue.path, String(key)]),
      message: 'is not a known field',
    }));
  });
}
