import autocannon from 'autocannon';
import { invoiceBody } from './bench-fixtures';
import type { LoadRequest, LoadResult } from './load-types';

// The load generator runs in a process of its own, so that building requests and reading
// answers does not take CPU from the service's event loop (the parent's).

async function runLoad(request: LoadRequest): Promise<LoadResult> {
  let sequence = 0;
  const started = Date.now();
  const result = await autocannon({
    url: request.url,
    connections: request.connections,
    ...(request.amount === undefined ? { duration: request.seconds ?? 10 } : {}),
    ...(request.amount === undefined ? {} : { amount: request.amount }),
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: request.path,
        headers: { 'content-type': 'application/json', ...request.headers },
        setupRequest: (req) => {
          sequence += 1;
          return {
            ...req,
            body: JSON.stringify(invoiceBody(`${request.idPrefix}${sequence}`, request.lines)),
          };
        },
      },
    ],
  });
  const durationMs = Date.now() - started;
  return {
    requests: result.requests.total,
    rps: result.requests.total / (durationMs / 1000),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    durationMs,
  };
}

process.once('message', (request: LoadRequest) => {
  runLoad(request).then(
    (result) => process.send?.({ ok: true, result }, () => process.exit(0)),
    (error: unknown) => process.send?.({ ok: false, error: String(error) }, () => process.exit(1)),
  );
});
