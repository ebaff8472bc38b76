import { setMaxListeners } from 'node:events';
import type { Knex } from 'knex';
import { createAtolClient, createAtolRequestLogStore } from '../atol';
import type { Config } from '../config/config-types';
import { createEventStore } from '../fiscal/event-store';
import { createFiscalService } from '../fiscal/fiscal-service';
import { createQueueWorker } from '../fiscal/queue-worker';
import type { Logger } from '../logger/logger';
import { countFinalReceipts, instrumentAtolClient, type Metrics } from '../metrics';
import { createRequestFactory } from '../receipt/request-factory';
import { FIRST_POLL_DELAY_SECONDS } from '../status/poll-schedule';
import { createRateLimiter, withReportBudget } from '../status/rate-limiter';
import { createWebhooks } from '../webhook/webhooks';
import type { DocumentHistoryStore } from './document-history-store';
import type { DocumentStore } from './document-store';
import { createShopApi } from './shop-api';

export interface PipelineDeps {
  knex: Knex;
  stores: { documents: DocumentStore; documentHistory: DocumentHistoryStore };
  logger: Logger;
  /** Times ATOL calls and counts final statuses. */
  metrics?: Pick<Metrics, 'observeAtol' | 'countFinal'>;
}

/**
 * The fiscalization pipeline as the composition root wires it, in dependency order:
 * ATOL client → fiscal core (whose onFinal hook queues shop webhooks) → shop documents. The
 * queue worker and the webhook sender are the loops `kkm serve` runs.
 */
export function createPipeline(config: Config, deps: PipelineDeps) {
  const { knex, stores, logger } = deps;
  const events = createEventStore(knex);
  const requestLog = createAtolRequestLogStore(knex);
  // Aborted when a shutdown stops waiting: every ATOL call in flight ends without an answer.
  // Each call in flight listens to it, so there may be more than Node's usual ten listeners.
  const cutOff = new AbortController();
  setMaxListeners(0, cutOff.signal);
  // Every report call of the process (poller, `kkm update`, callbacks, refreshes) shares one
  // requests-per-second budget (ATOL reference §8).
  const plainClient = createAtolClient({
    ...config.atol,
    logger: logger.child({ module: 'atol' }),
    companyKey: config.company.key,
    onRequest: (entry) => requestLog.record(entry),
    cutOff: cutOff.signal,
  });
  // The latency histogram times ATOL itself, without the budget's wait.
  const atolClient = withReportBudget(
    deps.metrics ? instrumentAtolClient(plainClient, deps.metrics) : plainClient,
    createRateLimiter({ ratePerSecond: config.atol.pollRatePerSecond, cutOff: cutOff.signal }),
  );
  const webhooks = createWebhooks(config, { knex, stores, events, logger });
  const onFinal = deps.metrics
    ? countFinalReceipts(deps.metrics, webhooks.onFinal)
    : webhooks.onFinal;
  const fiscal = createFiscalService({
    knex,
    config,
    client: atolClient,
    factory: createRequestFactory(),
    logger,
    eventStore: events,
    firstPollDelaySeconds: FIRST_POLL_DELAY_SECONDS,
    cutOff: cutOff.signal,
    ...(onFinal ? { onFinal } : {}),
  });
  const cutOffAtol = (): void => cutOff.abort();
  const queueWorker = createQueueWorker({ fiscal, config, logger, cutOffAtol });
  const shopApi = createShopApi(config, { knex, stores, fiscal, logger });
  return {
    events,
    atolClient,
    cutOffAtol,
    fiscal,
    queueWorker,
    webhookWorker: webhooks.webhookWorker,
    ...shopApi,
  };
}
