import type { Logger } from '../logger/logger';
import type { PollStore, WaitingTransaction } from './poll-store';
import { runLimited } from './run-limited';
import type { StatusChecker } from './status-checker';
import type { CheckResult, UpdateSummary } from './status-types';
import { summarize } from './update-summary';

export interface PollerOptions {
  store: Pick<PollStore, 'claimDue' | 'release'>;
  checker: StatusChecker;
  logger: Logger;
  /** The report budget, requests per second; sizes batches and their claim. */
  ratePerSecond: number;
  /** ATOL's HTTP timeout: a claim lasts long enough for one slow answer more. */
  atolTimeoutMs: number;
  /** Report calls in flight at once; the budget still spaces them. */
  concurrency?: number;
}

export interface Poller {
  /** One scheduler tick: polls every due waiting transaction, batch by batch. */
  pollDue(): Promise<UpdateSummary>;
  /**
   * Ends a running tick after the calls in flight (unpolled claims are handed back) and
   * resolves once it has ended.
   */
  stop(): Promise<void>;
}

/** Batches hold about this many seconds of the report budget. */
const BATCH_SECONDS = 10;
const MAX_BATCH = 200;
const LEASE_MARGIN_MS = 30_000;

/**
 * The fallback for lost callbacks (reference §6, §8): transactions in `wait` are polled when
 * due, oldest first. Due rows are claimed in batches, so several instances share the work
 * without polling one transaction twice.
 */
export function createPoller(options: PollerOptions): Poller {
  const logger = options.logger.child({ module: 'poller' });
  const batchSize = Math.min(
    MAX_BATCH,
    Math.max(1, Math.ceil(options.ratePerSecond * BATCH_SECONDS)),
  );
  const leaseMs =
    (batchSize / options.ratePerSecond) * 1000 + options.atolTimeoutMs + LEASE_MARGIN_MS;
  const concurrency = options.concurrency ?? 4;
  let stopping = false;
  let running: Promise<UpdateSummary> | undefined;

  async function pollBatch(batch: WaitingTransaction[], results: CheckResult[]): Promise<void> {
    const unstarted = await runLimited(
      batch,
      concurrency,
      async (transaction) => {
        results.push(await checkSafely(transaction));
      },
      () => stopping,
    );
    await options.store.release(unstarted.map((transaction) => transaction.uuid));
  }

  async function checkSafely(transaction: WaitingTransaction): Promise<CheckResult> {
    try {
      return await options.checker.check(transaction, 'poll');
    } catch (error) {
      // The claim runs out and the transaction comes back on a later tick.
      logger.error('Polling a transaction failed', { uuid: transaction.uuid, error });
      return { uuid: transaction.uuid, outcome: 'error', status: 'wait', changed: false };
    }
  }

  async function pollAll(): Promise<UpdateSummary> {
    const started = Date.now();
    const results: CheckResult[] = [];
    while (!stopping) {
      const batch = await options.store.claimDue(batchSize, leaseMs);
      if (batch.length === 0) break;
      await pollBatch(batch, results);
    }
    const summary = summarize(results, Date.now() - started);
    if (summary.total > 0) logger.info('Polled waiting transactions', { ...summary });
    return summary;
  }

  return {
    pollDue() {
      // The scheduler never overlaps ticks; a second caller (a test, runNow) joins the first.
      running ??= pollAll().finally(() => {
        running = undefined;
      });
      return running;
    },

    async stop() {
      stopping = true;
      await running?.catch(() => undefined);
    },
  };
}
