import type { Knex } from 'knex';
import type { Config } from '../config/config-types';
import type { Logger } from '../logger/logger';
import type { FiscalPort } from './document-ports';
import { createDocumentRoutes } from './document-routes';
import { createDocumentService, type DocumentService } from './document-service';
import type { DocumentHistoryStore } from './document-history-store';
import type { DocumentStore } from './document-store';
import { createReceiptEngine } from './receipt-engine-adapter';

export type ShopApiConfig = Pick<
  Config,
  'company' | 'receipt' | 'timeZone' | 'sendMode' | 'autoSend' | 'shopApiKeys'
>;

export interface ShopApiDeps {
  knex: Knex;
  stores: { documents: DocumentStore; documentHistory: DocumentHistoryStore };
  fiscal: FiscalPort;
  logger: Logger;
}

/** The documents area as the composition root wires it: `...createShopApi(config, deps)`. */
export function createShopApi(
  config: ShopApiConfig,
  deps: ShopApiDeps,
): { documents: DocumentService } {
  const documents = createDocumentService({
    knex: deps.knex,
    store: deps.stores.documents,
    history: deps.stores.documentHistory,
    fiscal: deps.fiscal,
    engine: createReceiptEngine(config),
    companyKey: config.company.key,
    sendMode: config.sendMode,
    autoSend: config.autoSend,
    logger: deps.logger,
  });
  return { documents };
}

/** The shop API's routes, mounted at /api/v1. */
export function shopApiMount(config: ShopApiConfig, documents: DocumentService) {
  return {
    path: '/api/v1',
    router: createDocumentRoutes({ service: documents, apiKeys: config.shopApiKeys }),
  };
}
