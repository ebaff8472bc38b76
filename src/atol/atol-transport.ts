import http from 'node:http';
import https from 'node:https';
import fetch from 'node-fetch';
import { MASK, redact, redactText } from '../logger/redact';
import type { AtolAction, AtolCallContext, AtolLogger, AtolRequestLogEntry } from './atol-types';

/** One HTTP exchange with ATOL. */
export interface AtolExchange {
  action: AtolAction;
  method: 'GET' | 'POST';
  url: string;
  body?: unknown;
  token?: string;
  ctx?: AtolCallContext | undefined;
}

/** ATOL answered: the body is parsed as JSON whatever the status (reference §7.1). */
export interface AtolAnswer {
  answered: true;
  httpStatus: number;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  body: unknown;
  durationMs: number;
}

/** Nothing usable came back: a network error or the timeout. */
export interface AtolNoAnswer {
  answered: false;
  reason: string;
  durationMs: number;
}

export interface AtolTransportOptions {
  companyKey: string;
  timeoutMs: number;
  logger: AtolLogger;
  onRequest?: ((entry: AtolRequestLogEntry) => unknown) | undefined;
  /**
   * Aborted when the service gives up waiting at shutdown: calls in flight end at once without
   * an answer and no new call goes out.
   */
  cutOff?: AbortSignal | undefined;
}

/** Why a call cut off by the shutdown has no answer. */
export const CUT_OFF_REASON = 'cut off: the service is shutting down';

export type AtolTransport = (exchange: AtolExchange) => Promise<AtolAnswer | AtolNoAnswer>;

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Sends exchanges with a timeout, logs them masked at debug and hands them to `onRequest`. */
export function createAtolTransport(options: AtolTransportOptions): AtolTransport {
  // Keep-alive: a busy queue sends thousands of requests to one host.
  const httpAgent = new http.Agent({ keepAlive: true });
  const httpsAgent = new https.Agent({ keepAlive: true });
  const agent = (url: URL): http.Agent => (url.protocol === 'https:' ? httpsAgent : httpAgent);
  const { logger } = options;

  return async (exchange) => {
    if (options.cutOff?.aborted) return { answered: false, reason: CUT_OFF_REASON, durationMs: 0 };
    // Masking costs more than the call itself on a fast link: only when someone reads it.
    const debug = logger.isLevelEnabled?.('debug') ?? true;
    const masked = debug || options.onRequest !== undefined;
    const request = masked && exchange.body !== undefined ? redact(exchange.body) : undefined;
    if (debug) {
      logger.debug('ATOL request', {
        action: exchange.action,
        method: exchange.method,
        url: exchange.url,
        ...(exchange.token === undefined ? {} : { token: MASK }),
        body: request,
      });
    }

    const started = Date.now();
    const result = await send(exchange, options, agent);
    const durationMs = Date.now() - started;
    const outcome: AtolAnswer | AtolNoAnswer = { ...result, durationMs };
    if (!masked) return outcome;

    const entry = logEntry(options.companyKey, exchange, request, outcome);
    if (debug) {
      logger.debug('ATOL response', {
        action: exchange.action,
        httpStatus: entry.httpStatus,
        durationMs,
        body: entry.response,
        error: entry.error,
      });
    }
    await record(options, entry);
    return outcome;
  };
}

async function send(
  exchange: AtolExchange,
  options: Pick<AtolTransportOptions, 'timeoutMs' | 'cutOff'>,
  agent: (url: URL) => http.Agent,
): Promise<Omit<AtolAnswer, 'durationMs'> | Omit<AtolNoAnswer, 'durationMs'>> {
  const { timeoutMs, cutOff } = options;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  // A listener taken off again after the call: AbortSignal.any would leave a reference on the
  // process-long cut-off signal for every call ever made.
  const cut = (): void => controller.abort();
  cutOff?.addEventListener('abort', cut, { once: true });
  try {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (exchange.token !== undefined) headers.Token = exchange.token;
    if (exchange.body !== undefined) headers['Content-Type'] = JSON_CONTENT_TYPE;
    const response = await fetch(exchange.url, {
      method: exchange.method,
      headers,
      agent,
      signal: controller.signal as never,
      ...(exchange.body === undefined ? {} : { body: JSON.stringify(exchange.body) }),
    });
    const text = await response.text();
    return { answered: true, httpStatus: response.status, body: parseJson(text) };
  } catch (error) {
    const reason = cutOff?.aborted
      ? CUT_OFF_REASON
      : controller.signal.aborted
        ? `timeout after ${timeoutMs} ms`
        : `network error: ${redactText(error instanceof Error ? error.message : String(error))}`;
    return { answered: false, reason };
  } finally {
    clearTimeout(timer);
    cutOff?.removeEventListener('abort', cut);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function logEntry(
  companyKey: string,
  exchange: AtolExchange,
  request: unknown,
  outcome: AtolAnswer | AtolNoAnswer,
): AtolRequestLogEntry {
  const entry: AtolRequestLogEntry = {
    companyKey,
    method: exchange.method,
    url: exchange.url,
    action: exchange.action,
    durationMs: outcome.durationMs,
    failed: true,
    ...exchange.ctx,
  };
  if (request !== undefined) entry.request = request;
  if (!outcome.answered) {
    entry.error = outcome.reason;
    return entry;
  }
  entry.httpStatus = outcome.httpStatus;
  if (outcome.body !== undefined) entry.response = redact(outcome.body);
  entry.failed = !isSuccess(outcome);
  if (entry.failed) entry.error = errorSummary(outcome);
  return entry;
}

/** A 2xx JSON answer without an error, or a report that is only "not ready yet" (34). */
function isSuccess(answer: AtolAnswer): boolean {
  if (answer.httpStatus < 200 || answer.httpStatus >= 300) return false;
  const body = answer.body as { error?: { code?: unknown } | null; status?: unknown } | undefined;
  if (!body || typeof body !== 'object' || body.status === 'fail') return false;
  return !body.error || body.error.code === 34;
}

function errorSummary(answer: AtolAnswer): string {
  const body = answer.body as { error?: { code?: unknown; type?: unknown; text?: unknown } | null };
  const error = body && typeof body === 'object' ? body.error : undefined;
  if (!error) return `HTTP ${answer.httpStatus}`;
  return redactText(`${String(error.type)} ${String(error.code)}: ${String(error.text)}`);
}

async function record(options: AtolTransportOptions, entry: AtolRequestLogEntry): Promise<void> {
  if (!options.onRequest) return;
  try {
    await options.onRequest(entry);
  } catch (error) {
    // The request log is diagnostics: losing a row must not fail the call it describes.
    options.logger.warn('ATOL request log write failed', { error });
  }
}
