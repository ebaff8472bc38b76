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
  sleep?: (ms: number, cutOff?: AbortSignal) => Promise<void>;
  /**
   * Aborted when the shutdown cuts ATOL calls off: from then on nobody waits for a turn (the
   * call itself ends at once), so a long line of callbacks cannot hold the process open.
   */
  cutOff?: AbortSignal;
}

/** A sleep that ends early, and leaves no timer behind, once `cutOff` is aborted. */
function realSleep(ms: number, cutOff?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (cutOff?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      cutOff?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    cutOff?.addEventListener('abort', done, { once: true });
  });
}

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
        if (waitMs > 0 && !options.cutOff?.aborted) await sleep(waitMs, options.cutOff);
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
): T {
  return {
    ...client,
    async report(uuid, ctx) {
      await limiter.acquire();
      return client.report(uuid, ctx);
    },
  };
}
