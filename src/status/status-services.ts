import type { Knex } from 'knex';
import type { Config } from '../config/config-types';
import type { Logger } from '../logger/logger';
import { finishOrCutOff } from '../time/settled-within';
import { createCallbackService } from './callback-service';
import { createCallbackStore } from './callback-store';
import { createPoller } from './poller';
import { createPollStore } from './poll-store';
import { createStatusChecker } from './status-checker';
import type { StatusFiscal } from './status-types';
import { createUpdateService } from './update-service';

export interface StatusServicesDeps {
  knex: Knex;
  config: Pick<Config, 'company' | 'atol'>;
  /** Built over the report-budgeted ATOL client (see withReportBudget). */
  fiscal: StatusFiscal;
  logger: Logger;
}

/** The status-update area for the composition root: poller job, `kkm update`, callbacks. */
export function createStatusServices(deps: StatusServicesDeps) {
  const { knex, config, fiscal, logger } = deps;
  const store = createPollStore(knex, config.company.key);
  const checker = createStatusChecker({ fiscal, store, logger });
  return {
    statusPoller: createPoller({
      store,
      checker,
      logger,
      ratePerSecond: config.atol.pollRatePerSecond,
      atolTimeoutMs: config.atol.timeoutMs,
    }),
    statusUpdates: createUpdateService({ store, checker }),
    callbacks: createCallbackService({
      store: createCallbackStore(knex),
      fiscal,
      companyKey: config.company.key,
      logger,
    }),
  };
}

export type StatusServices = ReturnType<typeof createStatusServices>;

/**
 * Nothing to start (the poller runs from the schedule table). On shutdown a running poll ends
 * after its calls in flight, and callbacks being applied finish, within the bound; at the bound
 * the ATOL calls still in flight are cut off. Nothing is lost by that: a callback is stored
 * before it is applied, and its transaction stays `wait` until a poll brings the result.
 */
export function statusWorker(
  services: Pick<StatusServices, 'statusPoller' | 'callbacks'>,
  logger: Logger,
  cutOffAtol?: () => void,
) {
  const log = logger.child({ module: 'status' });
  return {
    name: 'status',
    start: () => undefined,
    // A poll running now ends after its calls in flight; the next ticks find it stopped.
    stopTakingWork: () => void services.statusPoller.stop(),
    async stop(timeoutMs: number): Promise<void> {
      const stopped = Promise.all([services.statusPoller.stop(), services.callbacks.drain()]);
      const result = await finishOrCutOff(stopped, timeoutMs, cutOffAtol);
      if (result === 'finished') return;
      log.warn('Status checks cut off at the shutdown limit; polls bring their results later', {
        stillRunning: result === 'still running',
      });
    },
  };
}
