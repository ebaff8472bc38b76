import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy does with register calls (POST …/sell, …/sell_refund):
 * - `pass`: forwards them and their answers;
 * - `block`: keeps each request without forwarding it: the sender has committed the attempt as
 *   `sending`, ATOL never hears of it;
 * - `holdAnswers`: forwards the request (ATOL registers it) and keeps the answer back.
 */
export type ProxyMode = 'pass' | 'block' | 'holdAnswers';

/**
 * A loopback HTTP proxy in front of the emulator that puts the send path in a chosen state for
 * a test to act on. Nothing in the product knows about it.
 */
export interface HoldingProxy {
  url: string;
  setMode(mode: ProxyMode): void;
  /** Holds the next `count` register answers for `ms`, then delivers them (in `pass` mode). */
  holdRegisterAnswers(count: number, ms: number): void;
  /** Register answers held back so far (delayed or in `holdAnswers` mode). */
  readonly held: number;
  /** External ids of register requests seen, in order. */
  readonly seen: string[];
  /** External ids of requests kept (`block`) or whose answers are kept (`holdAnswers`) now. */
  readonly kept: string[];
  /** Drops every kept request and answer (their sender is gone). */
  dropKept(): void;
  close(): Promise<void>;
}

const isRegister = (req: http.IncomingMessage): boolean =>
  req.method === 'POST' && !/getToken$/.test(req.url ?? '');

function externalIdOf(body: Buffer): string {
  try {
    return String((JSON.parse(body.toString('utf8')) as { external_id?: unknown }).external_id);
  } catch {
    return '';
  }
}

export async function startHoldingProxy(target: string): Promise<HoldingProxy> {
  const upstream = new URL(target);
  let mode: ProxyMode = 'pass';
  let toDelay = 0;
  let delayMs = 0;
  let held = 0;
  const seen: string[] = [];
  const kept = new Map<http.ServerResponse, string>();
  const timers = new Set<NodeJS.Timeout>();

  interface Answer {
    status: number;
    headers: http.IncomingHttpHeaders;
    body: Buffer;
  }

  function forward(req: http.IncomingMessage, body: Buffer, onAnswer: (a: Answer) => void) {
    const options = {
      host: upstream.hostname,
      port: upstream.port,
      path: req.url,
      method: req.method,
      headers: req.headers,
    };
    const request = http.request(options, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () =>
        onAnswer({
          status: answer.statusCode ?? 502,
          headers: answer.headers,
          body: Buffer.concat(chunks),
        }),
      );
    });
    request.on('error', () => req.socket.destroy());
    request.end(body);
  }

  function reply(res: http.ServerResponse, answer: Answer): void {
    if (res.destroyed) return;
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const register = isRegister(req);
      const externalId = register ? externalIdOf(body) : '';
      if (register) seen.push(externalId);
      if (register && mode === 'block') {
        kept.set(res, externalId);
        return;
      }
      const holdForever = register && mode === 'holdAnswers';
      const delay = register && !holdForever && toDelay > 0 ? delayMs : 0;
      if (delay > 0) toDelay -= 1;
      forward(req, body, (answer) => {
        if (holdForever) {
          held += 1;
          kept.set(res, externalId);
        } else if (delay > 0) {
          held += 1;
          const timer = setTimeout(() => {
            timers.delete(timer);
            reply(res, answer);
          }, delay);
          timers.add(timer);
        } else reply(res, answer);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    setMode(next) {
      mode = next;
    },
    holdRegisterAnswers(count, ms) {
      toDelay = count;
      delayMs = ms;
    },
    get held() {
      return held;
    },
    get seen() {
      return [...seen];
    },
    get kept() {
      return [...kept.values()];
    },
    dropKept() {
      for (const res of kept.keys()) res.socket?.destroy();
      kept.clear();
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      kept.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
