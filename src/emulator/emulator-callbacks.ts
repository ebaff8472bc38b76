import http from 'node:http';
import https from 'node:https';
import fetch from 'node-fetch';

/**
 * ATOL's callback_url pattern, character for character (reference §3.1). Note that it accepts
 * numeric ports after all: `(:(0-9)*)*` matches a lone ":" and the digits pass as path.
 */
export const ATOL_CALLBACK_URL_REGEX =
  String.raw`^http(s?)\:\/\/[0-9a-zA-Zа-яА-Я]([-.\w]*[0-9a-zA-Zа-яА-Я])*(:(0-9)*)*(\/?)` +
  String.raw`([a-zA-Z0-9а-яА-Я\-\.\?\,\'\/\\\+&=%\$#_]*)?$`;

/**
 * The same language without the nested quantifier of the host part, which backtracks
 * exponentially on a long host followed by a bad character (30 characters take seconds).
 * `(X*A)*` with A ⊂ X ∪ Cyrillic equals "A, then any of X ∪ Cyrillic ending in A"; a test
 * compares both on random URLs.
 */
const CALLBACK_URL_PATTERN = new RegExp(
  String.raw`^https?:\/\/[0-9a-zA-Zа-яА-Я](?:[-.\wа-яА-Я]*[0-9a-zA-Zа-яА-Я])?(?::(?:0-9)*)*` +
    String.raw`\/?[a-zA-Z0-9а-яА-Я\-.?,'/\\+&=%$#_]*$`,
);

/** True when ATOL would accept this callback_url (reference §3.1). */
export function callbackUrlMatches(url: string): boolean {
  return CALLBACK_URL_PATTERN.test(url);
}

/** http(s) on localhost, 127.0.0.0/8 or [::1]. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
    const host = parsed.hostname;
    return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
  } catch {
    return false;
  }
}

export interface CallbackResult {
  url: string;
  delivered: boolean;
  httpStatus?: number;
  error?: string;
}

export interface CallbackSender {
  /** POSTs `body` `copies` times; resolves when every copy was answered or given up. */
  send(url: string, body: unknown, copies: number): Promise<void>;
  /** Aborts callbacks in flight. */
  close(): void;
}

export interface CallbackSenderOptions {
  timeoutMs: number;
  retries: number;
  onResult: (result: CallbackResult) => void;
}

/** Sends callbacks like ATOL: one POST of the report body, the answer ignored (reference §6). */
export function createCallbackSender(options: CallbackSenderOptions): CallbackSender {
  const httpAgent = new http.Agent({ keepAlive: true });
  const httpsAgent = new https.Agent({ keepAlive: true });
  const inFlight = new Set<AbortController>();

  async function post(url: string, payload: string): Promise<CallbackResult> {
    const controller = new AbortController();
    inFlight.add(controller);
    const timer = setTimeout(() => controller.abort(), options.timeoutMs);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body: payload,
        agent: (parsed: URL) => (parsed.protocol === 'https:' ? httpsAgent : httpAgent),
        signal: controller.signal as never,
      });
      await response.text();
      return { url, delivered: response.ok, httpStatus: response.status };
    } catch (error) {
      return { url, delivered: false, error: error instanceof Error ? error.message : 'failed' };
    } finally {
      clearTimeout(timer);
      inFlight.delete(controller);
    }
  }

  async function deliver(url: string, payload: string): Promise<void> {
    let result = await post(url, payload);
    for (let retry = 0; !result.delivered && retry < options.retries; retry += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      result = await post(url, payload);
    }
    options.onResult(result);
  }

  return {
    async send(url, body, copies) {
      const payload = JSON.stringify(body);
      for (let copy = 0; copy < copies; copy += 1) await deliver(url, payload);
    },

    close() {
      for (const controller of inFlight) controller.abort();
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
