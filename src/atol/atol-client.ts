import { serviceErrorOf, ServiceErrorRow } from './atol-error-table';
import { atolErrorSchema, atolReportSchema, reportStateOf } from './atol-report';
import { createAtolTokenCache, AtolTokenCache } from './atol-token-cache';
import { createAtolTransport, AtolAnswer, AtolNoAnswer } from './atol-transport';
import type {
  AtolCallContext,
  AtolError,
  AtolLogger,
  AtolOperation,
  AtolRequestLogEntry,
  RegisterOutcome,
  ReportOutcome,
} from './atol-types';

export interface AtolClientOptions {
  /** Host only (https://online.atol.ru, or the emulator's URL); /possystem/v{N}/ is appended. */
  baseUrl: string;
  apiVersion: 4 | 5;
  login: string;
  password: string;
  groupCode: string;
  /** Per HTTP request, reading the answer included. */
  timeoutMs: number;
  logger: AtolLogger;
  /** The integrator name ATOL may ask for (getToken `source`). */
  source?: string | undefined;
  /** Receives every exchange, masked: wire it to `createAtolRequestLogStore(knex).record`. */
  onRequest?: ((entry: AtolRequestLogEntry) => unknown) | undefined;
  /** Names the company in request-log rows; default `default`. */
  companyKey?: string;
  /** Share one cache between clients of the same company to share its token. */
  tokenCache?: AtolTokenCache;
  /** Aborted at shutdown: calls in flight end as unanswered, new ones are not made. */
  cutOff?: AbortSignal;
}

export interface AtolClient {
  /** Registers a receipt: POST {group}/{operation} (reference §2, §5.1). */
  register(
    operation: AtolOperation,
    body: unknown,
    ctx?: AtolCallContext,
  ): Promise<RegisterOutcome>;
  /** Asks for a document's state: GET {group}/report/{uuid} (reference §5.2). */
  report(uuid: string, ctx?: AtolCallContext): Promise<ReportOutcome>;
}

type Verdict<T> = T extends unknown ? Omit<T, 'durationMs' | 'httpStatus' | 'response'> : never;
type RegisterVerdict = Verdict<RegisterOutcome>;
type ReportVerdict = Verdict<ReportOutcome>;

/** A token could not be had: the call ends with this verdict. */
type TokenFailure =
  | { kind: 'rejected'; error: AtolError; fields: string[] }
  | { kind: 'unavailable'; reason: string; error?: AtolError };

class TokenFailureError extends Error {
  constructor(
    readonly failure: TokenFailure,
    readonly answer: AtolAnswer | AtolNoAnswer,
  ) {
    super('ATOL getToken failed');
  }
}

/** The ATOL Online client (reference §1–§8): tokens, registration, reports, typed outcomes. */
export function createAtolClient(options: AtolClientOptions): AtolClient {
  const base = `${options.baseUrl.replace(/\/+$/, '')}/possystem/v${options.apiVersion}`;
  const group = encodeURIComponent(options.groupCode);
  const cacheKey = `${options.login}@${base}`;
  const tokens = options.tokenCache ?? createAtolTokenCache();
  const transport = createAtolTransport({
    companyKey: options.companyKey ?? 'default',
    timeoutMs: options.timeoutMs,
    logger: options.logger,
    onRequest: options.onRequest,
    cutOff: options.cutOff,
  });

  async function fetchToken(): Promise<string> {
    const body: Record<string, string> = { login: options.login, pass: options.password };
    if (options.source !== undefined) body.source = options.source;
    const answer = await transport({
      action: 'getToken',
      method: 'POST',
      url: `${base}/getToken`,
      body,
    });
    const token = tokenOf(answer);
    if (typeof token === 'string') return token;
    throw new TokenFailureError(token, answer);
  }

  /**
   * Runs `call` with the company's token. On 10/11 the token is replaced once and the call
   * repeated; a second rejection is returned as it is, so nothing loops (reference §7.4).
   */
  async function withToken(
    call: (token: string) => Promise<AtolAnswer | AtolNoAnswer>,
  ): Promise<AtolAnswer | AtolNoAnswer | TokenFailureError> {
    try {
      const token = await tokens.get(cacheKey, fetchToken);
      const answer = await call(token);
      if (serviceRowOf(answer)?.action !== 'refresh_token') return answer;
      tokens.invalidate(cacheKey, token);
      return await call(await tokens.get(cacheKey, fetchToken));
    } catch (error) {
      if (error instanceof TokenFailureError) return error;
      throw error;
    }
  }

  return {
    async register(operation, body, ctx) {
      const started = Date.now();
      const url = `${base}/${group}/${encodeURIComponent(operation)}`;
      const result = await withToken((token) =>
        transport({ action: 'register', method: 'POST', url, body, token, ctx }),
      );
      if (result instanceof TokenFailureError) {
        return withExchange(result.failure, result.answer, started);
      }
      return withExchange(registerVerdict(result), result, started);
    },

    async report(uuid, ctx) {
      const started = Date.now();
      const url = `${base}/${group}/report/${encodeURIComponent(uuid)}`;
      const result = await withToken((token) =>
        transport({ action: 'report', method: 'GET', url, token, ctx }),
      );
      if (result instanceof TokenFailureError) {
        const failure = result.failure;
        const verdict: ReportVerdict =
          failure.kind === 'rejected' ? { kind: 'rejected', error: failure.error } : failure;
        return withExchange(verdict, result.answer, started);
      }
      return withExchange(reportVerdict(result), result, started);
    },
  };
}

function withExchange<T extends RegisterVerdict | ReportVerdict>(
  verdict: T,
  answer: AtolAnswer | AtolNoAnswer,
  started: number,
): T & { durationMs: number; httpStatus?: number; response?: unknown } {
  const outcome = { ...verdict, durationMs: Date.now() - started };
  if (!answer.answered) return outcome;
  return answer.body === undefined
    ? { ...outcome, httpStatus: answer.httpStatus }
    : { ...outcome, httpStatus: answer.httpStatus, response: answer.body };
}

function errorOf(answer: AtolAnswer): AtolError | undefined {
  const body = answer.body as { error?: unknown } | undefined;
  if (!body || typeof body !== 'object' || !body.error) return undefined;
  const parsed = atolErrorSchema.safeParse(body.error);
  return parsed.success ? parsed.data : undefined;
}

function serviceRowOf(answer: AtolAnswer | AtolNoAnswer): ServiceErrorRow | undefined {
  if (!answer.answered) return undefined;
  const error = errorOf(answer);
  return error ? serviceErrorOf(error) : undefined;
}

type Unavailable = Extract<RegisterVerdict, { kind: 'unavailable' }>;

function unavailable(answer: AtolAnswer, error?: AtolError): Unavailable {
  if (error) return { kind: 'unavailable', reason: `ATOL error ${error.code}`, error };
  return { kind: 'unavailable', reason: `unexpected answer: HTTP ${answer.httpStatus}` };
}

function tokenOf(answer: AtolAnswer | AtolNoAnswer): string | TokenFailure {
  if (!answer.answered) return { kind: 'unavailable', reason: answer.reason };
  const error = errorOf(answer);
  if (!error) {
    const token = (answer.body as { token?: unknown } | undefined)?.token;
    return typeof token === 'string' && token.length > 0 ? token : unavailable(answer);
  }
  const action = serviceErrorOf(error)?.action;
  if (action === 'retry' || (!action && answer.httpStatus >= 500))
    return unavailable(answer, error);
  return { kind: 'rejected', error, fields: fieldsFromErrorText(error.text) };
}

function registerVerdict(answer: AtolAnswer | AtolNoAnswer): RegisterVerdict {
  if (!answer.answered) return { kind: 'unavailable', reason: answer.reason };
  const body = answer.body as { uuid?: unknown } | undefined;
  const uuid = typeof body?.uuid === 'string' && body.uuid.length > 0 ? body.uuid : undefined;
  const error = errorOf(answer);
  if (!error) {
    const ok = answer.httpStatus >= 200 && answer.httpStatus < 300;
    return ok && uuid ? { kind: 'registered', uuid } : unavailable(answer);
  }

  const action = serviceErrorOf(error)?.action;
  // 33 is "already registered" whatever the HTTP status or `status` say (reference §13 #10).
  if (action === 'duplicate' && uuid) return { kind: 'duplicate', uuid };
  if (action === 'retry' || action === 'refresh_token' || action === 'not_ready') {
    return unavailable(answer, error);
  }
  if (!action && answer.httpStatus >= 500) return unavailable(answer, error);
  return { kind: 'rejected', error, fields: fieldsFromErrorText(error.text) };
}

function reportVerdict(answer: AtolAnswer | AtolNoAnswer): ReportVerdict {
  if (!answer.answered) return { kind: 'unavailable', reason: answer.reason };
  const error = errorOf(answer);
  const row = error ? serviceErrorOf(error) : undefined;
  if (error && row) {
    if (row.action === 'not_ready') return { kind: 'wait' };
    if (row.action === 'unknown_uuid') return { kind: 'unknown_uuid', error };
    if (row.action === 'stop' || row.action === 'fix') return { kind: 'rejected', error };
    return unavailable(answer, error);
  }

  const parsed = atolReportSchema.safeParse(answer.body);
  const state = parsed.success ? reportStateOf(parsed.data) : undefined;
  if (state) return state;
  return error ? unavailable(answer, error) : unavailable(answer);
}

/**
 * The field paths named in an ATOL validation text ("… Ошибочные поля : PropertyRequired:
 * #/receipt.client, …"), as dotted paths: `receipt.items[0].price` → `receipt.items.0.price`.
 */
export function fieldsFromErrorText(text: string): string[] {
  const paths = [...text.matchAll(/#\/([^\s,;]+)/g)].map((match) => match[1] ?? '');
  return paths
    .map((path) => path.replace(/\[(\d+)\]/g, '.$1').replace(/^\.+|\.+$/g, ''))
    .filter((path, index, all) => path.length > 0 && all.indexOf(path) === index);
}
