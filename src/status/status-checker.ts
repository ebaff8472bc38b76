import type { ResultSource } from '../fiscal/fiscal-types';
import type { Logger } from '../logger/logger';
import { GIVE_UP_AFTER_MS, isPastGivingUp, nextPollDelayMs } from './poll-schedule';
import type { PollStore, WaitingTransaction } from './poll-store';
import type { CheckResult, StatusFiscal } from './status-types';

export interface StatusCheckerDeps {
  fiscal: StatusFiscal;
  store: Pick<PollStore, 'recordPoll'>;
  logger: Logger;
}

export interface StatusChecker {
  /**
   * Asks ATOL once for a waiting transaction and applies the answer. Still waiting: the next
   * poll is scheduled by its age, or, after the give-up age, the document is failed.
   */
  check(
    transaction: WaitingTransaction,
    source: ResultSource,
    actor?: string,
  ): Promise<CheckResult>;
}

const NO_RESULT = `No result from ATOL after ${GIVE_UP_AFTER_MS / 3_600_000} hours of polling`;

/** One poll of one transaction, shared by the poller and `kkm update`. */
export function createStatusChecker(deps: StatusCheckerDeps): StatusChecker {
  const logger = deps.logger.child({ module: 'status' });

  async function stillWaiting(
    transaction: WaitingTransaction,
    outcome: CheckResult['outcome'],
  ): Promise<CheckResult> {
    const base = { uuid: transaction.uuid, outcome, changed: false };
    if (outcome === 'unknown_uuid' || outcome === 'rejected') {
      logger.warn('ATOL did not give a status for a waiting transaction', {
        uuid: transaction.uuid,
        outcome,
      });
    }
    if (transaction.polling && isPastGivingUp(transaction.ageMs)) {
      const reason = `${NO_RESULT} (transaction ${transaction.uuid}, last answer: ${outcome})`;
      await deps.store.recordPoll(transaction.uuid);
      await deps.fiscal.markNoResult(transaction.uuid, reason);
      logger.warn('Gave up waiting for a result from ATOL', { uuid: transaction.uuid, outcome });
      return { ...base, status: 'no_result' };
    }
    await deps.store.recordPoll(transaction.uuid, nextPollDelayMs(transaction.ageMs));
    return { ...base, status: 'wait' };
  }

  return {
    async check(transaction, source, actor) {
      const result = await deps.fiscal.refreshTransaction(transaction.uuid, source, actor);
      if (result.status !== undefined && result.status !== 'wait') {
        await deps.store.recordPoll(transaction.uuid);
        return {
          uuid: transaction.uuid,
          outcome: result.outcome,
          status: result.status,
          changed: result.changed,
        };
      }
      return stillWaiting(transaction, result.outcome);
    },
  };
}
