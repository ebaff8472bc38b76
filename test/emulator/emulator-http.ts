import fetch from 'node-fetch';
import { createEmulator, Emulator } from '../../src/emulator/emulator';
import type { EmulatorOptions } from '../../src/emulator/emulator-types';
import { testAccount } from './v4-bodies';

export interface Answer {
  status: number;
  body: any;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as is instead of JSON.stringify(body). */
  raw?: string;
  token?: string;
  contentType?: string;
}

export interface RunningEmulator {
  emulator: Emulator;
  url: string;
  /** Calls the emulator: `call('POST', '/possystem/v4/getToken', { body })`. */
  call(method: string, path: string, options?: CallOptions): Promise<Answer>;
  /** A fresh token of the default account. */
  token(): Promise<string>;
  /** POSTs a body to {group}/{operation} with a fresh token. */
  register(body: unknown, operation?: string): Promise<Answer>;
  /** GETs report/{uuid}. */
  report(uuid: string): Promise<Answer>;
  close(): Promise<void>;
}

export const group = testAccount.groupCode;

/** Starts an emulator on a free port for one test file. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emulator = createEmulator(options);
  const { url } = await emulator.start(0);
  let cachedToken: string | undefined;

  async function call(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (options.token) headers.Token = options.token;
    const payload =
      options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (payload !== undefined) {
      headers['Content-Type'] = options.contentType ?? 'application/json; charset=utf-8';
    }
    const response = await fetch(`${url}${path}`, {
      method,
      headers,
      ...(payload === undefined ? {} : { body: payload }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  async function token(): Promise<string> {
    const answer = await call('POST', '/possystem/v4/getToken', {
      body: { login: testAccount.login, pass: testAccount.password },
    });
    return answer.body.token;
  }

  /** Calls with the cached token; a token expired by a test is replaced once. */
  async function withToken(method: string, path: string, body?: unknown): Promise<Answer> {
    cachedToken ??= await token();
    const answer = await call(method, path, { body, token: cachedToken });
    if (answer.status !== 401 || answer.body?.error?.code !== 11) return answer;
    cachedToken = await token();
    return call(method, path, { body, token: cachedToken });
  }

  return {
    emulator,
    url,
    call,
    token,
    register: (body, operation = 'sell') =>
      withToken('POST', `/possystem/v4/${group}/${operation}`, body),
    report: (uuid) => withToken('GET', `/possystem/v4/${group}/report/${uuid}`),
    close: () => emulator.close(),
  };
}

/** Waits until `check` returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
