import type { Knex } from 'knex';
import type { Metrics } from './metrics';

// Wrappers the composition root puts around other areas' objects, so that those areas need no
// knowledge of metrics. Each returns an object of the same shape as the one it wraps.

interface Timed {
  kind: string;
  durationMs: number;
}

/**
 * Times every ATOL call into the latency histogram: register by its operation, report as
 * `report`, each labelled with the outcome kind (registered, unavailable, done, wait, …). The
 * client's own durationMs is used, so a token fetch inside the call is part of it. A call that
 * throws (a bug: the client answers with outcomes) is counted as `error` and rethrown.
 */
export function instrumentAtolClient<
  T extends {
    register(...args: never[]): Promise<Timed>;
    report(...args: never[]): Promise<Timed>;
  },
>(client: T, metrics: Pick<Metrics, 'observeAtol'>): T {
  async function timed<R extends Timed>(operation: string, call: () => Promise<R>): Promise<R> {
    const started = Date.now();
    try {
      const outcome = await call();
      metrics.observeAtol(operation, outcome.kind, outcome.durationMs);
      return outcome;
    } catch (error) {
      metrics.observeAtol(operation, 'error', Date.now() - started);
      throw error;
    }
  }
  const register = client.register.bind(client) as (...args: unknown[]) => Promise<Timed>;
  const report = client.report.bind(client) as (...args: unknown[]) => Promise<Timed>;
  return {
    ...client,
    register: (...args: unknown[]) => timed(String(args[0]), () => register(...args)),
    report: (...args: unknown[]) => timed('report', () => report(...args)),
  };
}

/** Counts documents the shop API stored: `accept` results with `created: true`, by kind. */
export function countAcceptedDocuments<
  T extends {
    accept(kind: 'invoice' | 'refund', ...rest: never[]): Promise<{ created: boolean }>;
  },
>(service: T, metrics: Pick<Metrics, 'countAccepted'>): T {
  const accept = service.accept.bind(service) as (
    kind: 'invoice' | 'refund',
    ...rest: unknown[]
  ) => Promise<{ created: boolean }>;
  return {
    ...service,
    async accept(kind: 'invoice' | 'refund', ...rest: unknown[]) {
      const result = await accept(kind, ...rest);
      if (result.created) metrics.countAccepted(kind);
      return result;
    },
  };
}

/** The fiscal core's final-status hook (OnFinal of src/fiscal), structurally. */
type FinalHook<N> = (trx: Knex.Transaction, notice: N) => Promise<void>;

/**
 * Counts documents reaching done or failed. The hook runs inside the transaction that makes the
 * document final, so the count waits for its commit: a rolled-back change is not counted.
 * `next` is the hook this one wraps (the webhook outbox), called first.
 */
export function countFinalReceipts<N extends { status: 'done' | 'failed' }>(
  metrics: Pick<Metrics, 'countFinal'>,
  next?: FinalHook<N>,
): FinalHook<N> {
  return async (trx, notice) => {
    if (next) await next(trx, notice);
    trx.executionPromise.then(
      () => metrics.countFinal(notice.status),
      () => undefined,
    );
  };
}
