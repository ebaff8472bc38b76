import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Logger } from '../logger/logger';
import type { MetricsStore, QueueFigures, WaitingFigures } from './metrics-store';

/** One finished run of a scheduled job, as the scheduler reports it. */
export interface JobRun {
  job: string;
  durationMs: number;
  ok: boolean;
}

/** The service's Prometheus metrics: one registry per app instance, never the global one. */
export interface Metrics {
  readonly registry: Registry;
  readonly contentType: string;
  /** A new document was stored (a repeat of a stored one is not counted). */
  countAccepted(kind: string): void;
  /** A document reached its final status (counted once its transaction committed). */
  countFinal(status: 'done' | 'failed'): void;
  /** One ATOL call: `operation` is sell, sell_refund, … or report; `outcome` its result kind. */
  observeAtol(operation: string, outcome: string, durationMs: number): void;
  observeJobRun(run: JobRun): void;
  /** The text exposition format; reads the database gauges first. */
  render(): Promise<string>;
}

export interface MetricsOptions {
  /** Database gauges (queue, waiting transactions); left out, they are not exported. */
  store?: MetricsStore;
  companyKey: string;
  logger: Logger;
  /** Node's process metrics (memory, CPU, event loop lag, GC); default true. */
  processMetrics?: boolean;
}

// ATOL answers in tens of milliseconds when healthy and up to the client timeout (30 s) when
// not; the emulator answers in about a millisecond, hence the small buckets.
const ATOL_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const JOB_BUCKETS = [0.01, 0.05, 0.25, 1, 5, 15, 60, 300, 900];

/**
 * Several gauges are filled from one query; a scrape collects them all at once, so they share
 * the query while it runs instead of each running its own.
 */
function shared<T>(load: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  return () => {
    running ??= load().finally(() => (running = undefined));
    return running;
  };
}

/** Builds the registry with every kkm metric; label values seen at start are set to 0. */
export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  const registers = [registry];
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });

  const accepted = new Counter({
    name: 'kkm_documents_accepted_total',
    help: 'Documents stored from the shop API, by kind (repeats of a stored document excluded)',
    labelNames: ['kind'],
    registers,
  });
  const final = new Counter({
    name: 'kkm_receipts_final_total',
    help: 'Documents that reached a final status: done (fiscalised) or failed',
    labelNames: ['status'],
    registers,
  });
  const atol = new Histogram({
    name: 'kkm_atol_request_duration_seconds',
    help: 'ATOL calls by operation (sell, sell_refund, …, report) and outcome, token included',
    labelNames: ['operation', 'outcome'],
    buckets: ATOL_BUCKETS,
    registers,
  });
  const jobs = new Histogram({
    name: 'kkm_job_run_duration_seconds',
    help: 'Runs of scheduled jobs (status poller, reports) by outcome; _count is the run count',
    labelNames: ['job', 'outcome'],
    buckets: JOB_BUCKETS,
    registers,
  });
  for (const kind of ['invoice', 'refund']) accepted.inc({ kind }, 0);
  for (const status of ['done', 'failed']) final.inc({ status }, 0);
  if (options.store) addDatabaseGauges(registry, options.store, options);

  return {
    registry,
    contentType: registry.contentType,
    countAccepted: (kind) => accepted.inc({ kind }),
    countFinal: (status) => final.inc({ status }),
    observeAtol: (operation, outcome, durationMs) =>
      atol.observe({ operation, outcome }, durationMs / 1000),
    observeJobRun: (run) =>
      jobs.observe({ job: run.job, outcome: run.ok ? 'ok' : 'failed' }, run.durationMs / 1000),
    render: () => registry.metrics(),
  };
}

/**
 * Gauges read from the database when scraped. A failed read keeps the last values and logs a
 * warning: the process metrics are still worth having while the database is away.
 */
function addDatabaseGauges(registry: Registry, store: MetricsStore, options: MetricsOptions) {
  const logger = options.logger.child({ module: 'metrics' });
  const registers = [registry];
  const guard = <T>(what: string, load: () => Promise<T>) =>
    shared(async (): Promise<T | undefined> => {
      try {
        return await load();
      } catch (error) {
        logger.warn(`Reading the ${what} for /metrics failed`, { error });
        return undefined;
      }
    });
  const queue = guard<QueueFigures>('queue', () => store.queue());
  const waiting = guard<WaitingFigures>('waiting transactions', () =>
    store.waiting(options.companyKey),
  );

  new Gauge({
    name: 'kkm_queue_depth',
    help: 'Attempts in the send queue: due now, scheduled for a later try, or sending',
    labelNames: ['state'],
    registers,
    async collect() {
      const figures = await queue();
      if (!figures) return;
      this.set({ state: 'due' }, figures.due);
      this.set({ state: 'scheduled' }, figures.scheduled);
      this.set({ state: 'sending' }, figures.sending);
    },
  });
  new Gauge({
    name: 'kkm_queue_oldest_due_seconds',
    help: 'How long the oldest due attempt has been due (0 when none is): the queue lag',
    registers,
    async collect() {
      const figures = await queue();
      if (figures) this.set(figures.oldestDueSeconds);
    },
  });
  new Gauge({
    name: 'kkm_transactions_waiting',
    help: 'Transactions registered at ATOL and still waiting for their result',
    registers,
    async collect() {
      const figures = await waiting();
      if (figures) this.set(figures.waiting);
    },
  });
  new Gauge({
    name: 'kkm_transactions_oldest_waiting_seconds',
    help: 'Age of the oldest waiting transaction (0 when none waits)',
    registers,
    async collect() {
      const figures = await waiting();
      if (figures) this.set(figures.oldestWaitingSeconds);
    },
  });
}
