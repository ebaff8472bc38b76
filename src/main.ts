import type { Knex } from 'knex';
import { createAdminMount } from './admin';
import type { Config } from './config/config-types';
import { secretValues } from './config/mask-config';
import { createDatabase, Database } from './db/database';
import { createDocumentHistoryStore } from './documents/document-history-store';
import { createDocumentStore } from './documents/document-store';
import { createPipeline } from './documents/pipeline';
import { shopApiMount } from './documents/shop-api';
import type { QueueWorker } from './fiscal/queue-worker';
import { buildOpenApiDocument } from './openapi/openapi-document';
import { createOpenApiRoutes } from './openapi/openapi-routes';
import { createReceiptEngine } from './documents/receipt-engine-adapter';
import { createRefundInvoices, type RefundInvoices } from './documents/refund-invoice';
import { requireApiKey } from './http/api-key';
import { createApp, RouteMount } from './http/app';
import { checkDatabaseReady, ReadyState, serviceVersion } from './http/health-routes';
import { createLogger, Logger } from './logger/logger';
import { registerSecretValues } from './logger/redact';
import {
  countAcceptedDocuments,
  createMetrics,
  createMetricsStore,
  metricsExposure,
  metricsMounts,
  metricsWorkers,
} from './metrics';
import { createReporting } from './reports/reporting';
import { createReportRunStore } from './reports/report-run-store';
import { createReportStore } from './reports/report-store';
import { createPreviewRouter } from './receipt/preview-routes';
import { createPreviewService, PreviewService } from './receipt/preview-service';
import type { ShopDocument } from './receipt/receipt-schemas';
import { createRequestFactory } from './receipt/request-factory';
import { buildSchedule } from './scheduler/schedule';
import { createCallbackRoutes } from './status/callback-routes';
import { atolTarget, startSandbox } from './status/sandbox';
import { createStatusServices, statusWorker } from './status/status-services';
import type { ScheduledJob } from './scheduler/scheduler';

// The composition root: config → database → stores → services → app, jobs and workers. Each
// business area adds its lines to the build function of its layer below (one section per
// area); nothing else in src/ builds objects from the config or reaches for globals.

/** Everything a command or the server needs, built once; `close` releases the database. */
export interface AppContext {
  config: Config;
  logger: Logger;
  db: Database;
  stores: Stores;
  services: Services;
  close(): Promise<void>;
}

/** A long-running background loop (queue worker, sandbox emulator, metrics server, …). */
export interface Worker {
  name: string;
  start(): Promise<void> | void;
  /** Takes no new work from now on (a shutdown has begun); the work in hand goes on. */
  stopTakingWork?(): void;
  /** Finish the work in hand within `timeoutMs`, then stop. */
  stop(timeoutMs: number): Promise<void>;
}

/** What `kkm serve` runs: the HTTP app, the schedule table's jobs and the workers. */
export interface ServerParts {
  app: ReturnType<typeof createApp>;
  jobs: ScheduledJob[];
  workers: Worker[];
}

/** The root logger; `secretValues` makes it mask our own secrets wherever they appear. */
export function createRootLogger(config: Config, options: { toStderr?: boolean } = {}): Logger {
  return createLogger({
    level: config.logLevel,
    format: config.logFormat,
    secrets: secretValues(config),
    ...(options.toStderr === undefined ? {} : { toStderr: options.toStderr }),
  });
}

/** Opens the database of the config and, when asked, brings its schema up to date. */
export async function openDatabase(config: Config, logger: Logger, migrate: boolean) {
  const db = await createDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    poolMax: config.databasePoolMax,
    logger,
  });
  try {
    if (migrate) {
      const [batch, names] = (await db.knex.migrate.latest()) as [number, string[]];
      const log = logger.child({ module: 'db' });
      if (names.length > 0) log.info('Migrations applied', { batch, migrations: names });
    }
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Stores: one per table group, each built from knex only.
// ---------------------------------------------------------------------------------------------

function buildStores(knex: Knex) {
  void knex;
  return {
    // Pipeline: documents, attempts, transactions, events.
    documents: createDocumentStore(knex),
    documentHistory: createDocumentHistoryStore(knex),
    // ATOL: atolRequests.
    // Reports: reportRuns.
    reportFigures: createReportStore(knex),
    reportRuns: createReportRunStore(knex),
    // Metrics: the queue and waiting-transaction gauges.
    metricsFigures: createMetricsStore(knex),
  };
}
export type Stores = ReturnType<typeof buildStores>;

// ---------------------------------------------------------------------------------------------
// Services: plain factories over stores, config and each other. No Express here.
// ---------------------------------------------------------------------------------------------

interface ServiceInputs {
  config: Config;
  logger: Logger;
  db: Database;
  stores: Stores;
}

function buildServices(inputs: ServiceInputs) {
  // Metrics come first: the pipeline's parts report into them. Process metrics only
  // when something exports them.
  const metrics = createMetrics({
    store: inputs.stores.metricsFigures,
    companyKey: inputs.config.company.key,
    logger: inputs.logger,
    processMetrics: metricsExposure(inputs.config.metrics).where !== 'off',
  });
  // Pipeline: ATOL client, fiscal core, queue worker, shop documents, webhooks.
  const pipeline = createPipeline(inputs.config, {
    knex: inputs.db.knex,
    stores: inputs.stores,
    logger: inputs.logger,
    metrics,
  });
  return {
    metrics,
    // Receipt engine, ATOL client, pipeline, status,
    // reports and mailer: one section each.
    preview: buildPreviewService(
      inputs.config,
      createRefundInvoices(inputs.stores.documents, inputs.config.company.key),
    ),
    ...pipeline,
    // Status updates: the poller job, `kkm update`, the callback endpoint.
    ...createStatusServices({
      knex: inputs.db.knex,
      config: inputs.config,
      fiscal: pipeline.fiscal,
      logger: inputs.logger,
    }),
    ...createReporting(inputs.config, { stores: inputs.stores, logger: inputs.logger }),
  };
}
export type Services = ReturnType<typeof buildServices>;

/**
 * The preview as `POST /api/v1/preview/*` and `kkm preview` both use it: the shop API's
 * own parse (unknown fields refused, as on a POST), then the engine and the request factory.
 * The callback secret is masked in the shown `callback_url`: API-key holders must not learn it.
 */
export function buildPreviewService(config: Config, invoices?: RefundInvoices): PreviewService {
  const engine = createReceiptEngine(config);
  const callbackPath = config.callbackPath.replace(config.callbackSecret, '***');
  return createPreviewService({
    settings: config,
    apiVersion: config.atol.apiVersion,
    factory: createRequestFactory(),
    callbackUrl: `${config.publicUrl.replace(/\/+$/, '')}${callbackPath}`,
    parse: (kind, body) => engine.parse(kind, body).canonical as ShopDocument,
    // A refund's invoice as its POST finds it (stored date wins, a refund's id is refused).
    ...(invoices && {
      invoiceDateOf: async (invoiceId: string) =>
        (await invoices.find(invoiceId)).invoice?.documentDate,
    }),
  });
}

/** Builds the shared context: database (migrated if the config says so), stores, services. */
export async function createContext(
  config: Config,
  logger: Logger,
  options: { migrate?: boolean; db?: Database } = {},
): Promise<AppContext> {
  // Every output of the process (logs, ATOL request log, admin pages) masks our secret values.
  registerSecretValues(secretValues(config));
  // A given database (end-to-end tests) belongs to the caller, who closes it.
  const db =
    options.db ?? (await openDatabase(config, logger, options.migrate ?? config.migrateOnStart));
  // Sandbox: the built-in ATOL emulator, and the config pointed at it.
  const sandbox = config.atol.sandbox
    ? await startSandbox(config, logger).catch(async (error: unknown) => {
        if (!options.db) await db.close();
        throw error;
      })
    : undefined;
  const effective = sandbox?.config ?? config;
  const stores = buildStores(db.knex);
  const services = buildServices({ config: effective, logger, db, stores });
  const close = async (): Promise<void> => {
    if (!options.db) await db.close();
    await sandbox?.close();
  };
  return { config: effective, logger, db, stores, services, close };
}

// ---------------------------------------------------------------------------------------------
// HTTP routes, scheduled jobs and workers of the server.
// ---------------------------------------------------------------------------------------------

function buildRoutes(context: AppContext): RouteMount[] {
  void context;
  return [
    ...metricsMounts(context.config.metrics, context.services.metrics),
    shopApiMount(
      context.config,
      countAcceptedDocuments(context.services.documents, context.services.metrics),
    ),
    { path: '/', router: createOpenApiRoutes(buildOpenApiDocument({ version: serviceVersion })) },
    {
      path: '/api/v1',
      router: createPreviewRouter({
        preview: context.services.preview,
        authenticate: requireApiKey(context.config.shopApiKeys),
      }),
    },
    // Status updates: ATOL's callbacks at config.callbackPath.
    createCallbackRoutes({
      callbackPath: context.config.callbackPath,
      service: context.services.callbacks,
    }),
    // Admin pages.
    createAdminMount({
      knex: context.db.knex,
      config: context.config,
      documents: context.stores.documents,
      history: context.stores.documentHistory,
      fiscal: context.services.fiscal,
      reports: context.services.reports,
      logger: context.logger,
    }),
  ];
}

function buildWorkers(context: AppContext): Worker[] {
  void context;
  return [
    // The queue worker, the sandbox emulator, a metrics server.
    queueWorkerLoop(context.services.queueWorker),
    statusWorker(context.services, context.logger, context.services.cutOffAtol),
    ...(context.services.webhookWorker ? [context.services.webhookWorker] : []),
    ...metricsWorkers(context.config.metrics, context.services.metrics, context.logger),
  ];
}

function queueWorkerLoop(worker: QueueWorker): Worker {
  return {
    name: 'queue',
    start: () => worker.start(),
    stopTakingWork: () => worker.stopClaiming(),
    stop: (ms) => worker.stop(ms),
  };
}

/** The server's parts; `isShuttingDown` turns /ready to 503 while a shutdown drains traffic. */
export function buildServer(context: AppContext, isShuttingDown: () => boolean): ServerParts {
  const ready = async (): Promise<ReadyState> => {
    if (isShuttingDown()) {
      return { ok: false, checks: { server: { ok: false, message: 'shutting down' } } };
    }
    return checkDatabaseReady(context.db.knex);
  };
  const app = createApp({
    config: context.config,
    logger: context.logger,
    routes: buildRoutes(context),
    ready,
    health: () => ({ database: context.db.kind, atol: atolTarget(context.config) }),
  });
  const jobs = buildSchedule(context.config, {
    statusPoller: context.services.statusPoller,
    ...(context.services.reportJob ? { reports: context.services.reportJob } : {}),
  });
  return { app, jobs, workers: buildWorkers(context) };
}
