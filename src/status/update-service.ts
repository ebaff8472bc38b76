import { NotFoundError } from '../errors/errors';
import type { PollStore, WaitingTransaction } from './poll-store';
import { runLimited } from './run-limited';
import type { StatusChecker } from './status-checker';
import type { CheckResult, UpdateProgress, UpdateSummary } from './status-types';
import { summarize } from './update-summary';

export interface UpdateServiceDeps {
  store: Pick<PollStore, 'listWaiting' | 'findWaiting'>;
  checker: StatusChecker;
  /** Report calls in flight at once; the shared budget still spaces them. */
  concurrency?: number;
}

export interface UpdateOptions {
  /** Who asked, for the documents' history (`cli`, `admin:alice`). */
  actor: string;
  onProgress?: (progress: UpdateProgress) => void;
}

export interface UpdateService {
  /** Asks ATOL for one waiting transaction now, whatever its poll schedule says. */
  updateOne(uuid: string, options: UpdateOptions): Promise<CheckResult>;
  /** Asks ATOL for every waiting transaction, oldest first, within the report budget. */
  updateAll(options: UpdateOptions): Promise<UpdateSummary>;
}

/** `kkm update`: manual status checks over the same path as the poller. */
export function createUpdateService(deps: UpdateServiceDeps): UpdateService {
  const concurrency = deps.concurrency ?? 4;

  async function run(
    transactions: readonly WaitingTransaction[],
    options: UpdateOptions,
  ): Promise<CheckResult[]> {
    const results: CheckResult[] = [];
    await runLimited(transactions, concurrency, async (transaction) => {
      const result = await deps.checker.check(transaction, 'manual', options.actor);
      results.push(result);
      options.onProgress?.({ done: results.length, total: transactions.length, last: result });
    });
    return results;
  }

  return {
    async updateOne(uuid, options) {
      const transaction = await deps.store.findWaiting(uuid);
      if (!transaction) throw new NotFoundError(`No waiting transaction with uuid ${uuid}`);
      const [result] = await run([transaction], options);
      return result as CheckResult;
    },

    async updateAll(options) {
      const started = Date.now();
      const transactions = await deps.store.listWaiting();
      const results = await run(transactions, options);
      return summarize(results, Date.now() - started);
    },
  };
}
