import type { Knex } from 'knex';
import type { Config } from '../config/config-types';
import type { EventRecorder } from '../documents/document-ports';
import type { DocumentHistoryStore } from '../documents/document-history-store';
import type { DocumentStore } from '../documents/document-store';
import type { Logger } from '../logger/logger';
import { createWebhookNotifier, type FinalDocumentNotice } from './webhook-notifier';
import { createWebhookSender } from './webhook-sender';
import { createWebhookStore } from './webhook-store';

export interface WebhooksDeps {
  knex: Knex;
  stores: { documents: DocumentStore; documentHistory: DocumentHistoryStore };
  events: EventRecorder;
  logger: Logger;
}

/** A background loop in the shape of src/main.ts's Worker. */
export interface WebhookWorker {
  name: string;
  start(): void;
  stop(timeoutMs: number): Promise<void>;
}

export interface Webhooks {
  /** The fiscal core's onFinal hook; absent when no SHOP_WEBHOOK_URL is set. */
  onFinal?: (trx: Knex.Transaction, notice: FinalDocumentNotice) => Promise<void>;
  /** The sender loop `kkm serve` runs; absent when no SHOP_WEBHOOK_URL is set. */
  webhookWorker?: WebhookWorker;
}

/** The webhook area as the composition root wires it (optional: SHOP_WEBHOOK_URL). */
export function createWebhooks(config: Pick<Config, 'webhook'>, deps: WebhooksDeps): Webhooks {
  if (!config.webhook) return {};
  const store = createWebhookStore(deps.knex);
  const sender = createWebhookSender({
    knex: deps.knex,
    store,
    events: deps.events,
    target: config.webhook,
    logger: deps.logger,
  });
  return {
    onFinal: createWebhookNotifier({
      store,
      documents: deps.stores.documents,
      history: deps.stores.documentHistory,
    }),
    webhookWorker: {
      name: 'webhook-sender',
      start: () => sender.start(),
      stop: (timeoutMs) => sender.stop(timeoutMs),
    },
  };
}
