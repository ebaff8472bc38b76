import type { Knex } from 'knex';
import type { Config } from '../config/config-types';
import type { Logger } from '../logger/logger';
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
 * Nothing to start (the poller runs from the schedule table); on shutdown a running poll ends
 * after its calls in flight and callbacks being applied are finished before the database closes.
 */
export function statusWorker(services: Pick<StatusServices, 'statusPoller' | 'callbacks'>) {
  return {
    name: 'status',
    start: () => undefined,
    async stop(): Promise<void> {
      await services.statusPoller.stop();
      await services.callbacks.drain();
    },
  };
}
