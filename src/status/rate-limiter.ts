import type { AtolClient } from '../atol/atol-client';

/** Hands out permission for one request at a time, spaced to keep a requests-per-second budget. */
export interface RateLimiter {
  /** Resolves when the caller may send its next request. */
  acquire(): Promise<void>;
  readonly ratePerSecond: number;
}

export interface RateLimiterOptions {
  ratePerSecond: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Spaces requests at least 1/rate apart, in the order callers asked. Each caller waits for the
 * one before it and then for the interval since that one was let through, so a stalled event
 * loop never releases a burst to catch up. Concurrent callers (the poller, `kkm update`,
 * callback checks, manual refreshes) share one budget.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const intervalMs = 1000 / options.ratePerSecond;
  let lastGrant = Number.NEGATIVE_INFINITY;
  let queue: Promise<void> = Promise.resolve();

  return {
    ratePerSecond: options.ratePerSecond,
    acquire(): Promise<void> {
      const turn = queue.then(async () => {
        const waitMs = lastGrant + intervalMs - now();
        if (waitMs > 0) await sleep(waitMs);
        lastGrant = now();
      });
      queue = turn;
      return turn;
    },
  };
}

/**
 * ATOL allows one report request per second per register in the group (reference §8). Every
 * report call of the process goes through the returned client, so the budget holds whoever
 * asks. Registration is not limited here: the queue has its own pace.
 */
export function withReportBudget<T extends Pick<AtolClient, 'report'>>(
  client: T,
  limiter: RateLimiter,
  cutOff?: AbortSignal,
): T {
  return {
    ...client,
    async report(uuid, ctx) {
      await untilCutOff(limiter.acquire(), cutOff);
      return client.report(uuid, ctx);
    },
  };
}

/**
 * Stops waiting for the budget once the shutdown cuts ATOL calls off (the call then ends at
 * once without an answer): a long line of callbacks must not hold the shutdown.
 */
function untilCutOff(turn: Promise<void>, cutOff: AbortSignal | undefined): Promise<void> {
  if (!cutOff) return turn;
  if (cutOff.aborted) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const stop = (): void => resolve();
    cutOff.addEventListener('abort', stop, { once: true });
    turn.then(resolve, reject).finally(() => cutOff.removeEventListener('abort', stop));
  });
}
