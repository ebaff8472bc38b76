import type { QueueConfig } from '../config/config-types';
import type { Logger } from '../logger/logger';
import { finishOrCutOff } from '../time/settled-within';
import type { FiscalService } from './fiscal-service';
import type { Attempt } from './fiscal-types';

export interface QueueWorkerOptions {
  fiscal: Pick<FiscalService, 'claimDue' | 'sendClaimed'>;
  config: { queue: QueueConfig };
  logger: Logger;
  /** How long `stop()` waits for sends in flight unless it is given a bound; default 10 s. */
  stopTimeoutMs?: number;
  /** Ends every ATOL call in flight at once (the client's cut-off); used by `stop()`. */
  cutOffAtol?: () => void;
}

export interface QueueWorker {
  /** Starts the loop: claim due attempts, send them, record, sleep when idle. */
  start(): void;
  /** Claims nothing more from now on (a shutdown has begun); sends in flight go on. */
  stopClaiming(): void;
  /**
   * Stops claiming and waits (bounded) for sends in flight. At the bound the ATOL calls still in
   * flight are cut off; their attempts stay `sending` and are sent again, with the same external
   * id, once their lock runs out.
   */
  stop(timeoutMs?: number): Promise<void>;
  /** Claims once, sends everything claimed and waits for it; the number sent (tests, bench). */
  runOnce(): Promise<number>;
}

/**
 * The durable queue's consumer. Up to `config.queue.workers` sends run at once; several
 * processes may run one each on one PostgreSQL, since claims skip rows others have locked.
 */
export function createQueueWorker(options: QueueWorkerOptions): QueueWorker {
  const logger = options.logger.child({ module: 'queue' });
  const { workers, pollIntervalMs } = options.config.queue;
  const inFlight = new Set<Promise<void>>();
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;

  async function send(claim: Attempt): Promise<void> {
    try {
      await options.fiscal.sendClaimed(claim);
    } catch (error) {
      // The attempt stays `sending` and is claimed again once its lock runs out.
      logger.error('Send failed to record', { attemptId: claim.id, error });
    }
  }

  function track(claim: Attempt): void {
    const sending = send(claim).finally(() => {
      inFlight.delete(sending);
      wake?.();
    });
    inFlight.add(sending);
  }

  /** Claims for the free slots; true when every free slot got an attempt (more may be due). */
  async function fill(): Promise<boolean> {
    const free = workers - inFlight.size;
    if (free <= 0) return false;
    const claims = await options.fiscal.claimDue(free);
    for (const claim of claims) track(claim);
    return claims.length === free;
  }

  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });
  }

  async function run(): Promise<void> {
    while (running) {
      let busy = false;
      try {
        busy = await fill();
      } catch (error) {
        logger.error('Claiming due attempts failed', { error });
      }
      if (!running) break;
      // Full: wait for a slot (a finishing send wakes us). Idle: sleep the poll interval.
      if (inFlight.size >= workers) await pause(pollIntervalMs * 10);
      else if (!busy) await pause(pollIntervalMs);
    }
  }

  return {
    start() {
      if (loop) return;
      running = true;
      logger.info('Queue worker started', { workers, pollIntervalMs });
      loop = run();
    },

    stopClaiming() {
      running = false;
      wake?.();
    },

    async stop(bound) {
      if (!loop) return;
      running = false;
      wake?.();
      await loop;
      loop = undefined;
      const timeoutMs = bound ?? options.stopTimeoutMs ?? 10000;
      // What the cut-off sends still write (the request log) must land before the database
      // closes: finishOrCutOff waits for them once more, briefly.
      let unfinished = 0;
      const result = await finishOrCutOff(Promise.all(inFlight), timeoutMs, () => {
        unfinished = inFlight.size;
        options.cutOffAtol?.();
      });
      if (result === 'finished') {
        logger.info('Queue worker stopped');
        return;
      }
      logger.warn('Queue worker stopped at the shutdown limit; ATOL calls in flight cut off', {
        unfinished,
        stillRunning: result === 'still running' ? inFlight.size : 0,
      });
    },

    async runOnce() {
      const claims = await options.fiscal.claimDue(workers);
      await Promise.all(claims.map(send));
      return claims.length;
    },
  };
}
