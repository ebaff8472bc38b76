import { PassThrough } from 'node:stream';
import { createLogger, createSilentLogger } from '../logger/logger';
import { createMetrics } from './metrics';
import type { MetricsStore, QueueFigures, WaitingFigures } from './metrics-store';

class FakeMetricsStore implements MetricsStore {
  queueFigures: QueueFigures = { due: 0, scheduled: 0, sending: 0, oldestDueSeconds: 0 };
  waitingFigures: WaitingFigures = { waiting: 0, oldestWaitingSeconds: 0 };
  failing = false;
  queueReads = 0;
  askedCompany: string | undefined;

  queue(): Promise<QueueFigures> {
    this.queueReads += 1;
    if (this.failing) return Promise.reject(new Error('database away'));
    return Promise.resolve(this.queueFigures);
  }

  waiting(companyKey: string): Promise<WaitingFigures> {
    this.askedCompany = companyKey;
    if (this.failing) return Promise.reject(new Error('database away'));
    return Promise.resolve(this.waitingFigures);
  }
}

/** The value of one sample line, e.g. `kkm_queue_depth{state="due"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

function build(store?: MetricsStore) {
  return createMetrics({
    ...(store ? { store } : {}),
    companyKey: 'shop-a',
    logger: createSilentLogger(),
    processMetrics: false,
  });
}

describe('metrics', () => {
  it('when nothing happened yet, then the counters are exported at 0 for every kind and status', async () => {
    const text = await build().render();

    expect(sample(text, 'kkm_documents_accepted_total{kind="invoice"}')).toBe(0);
    expect(sample(text, 'kkm_documents_accepted_total{kind="refund"}')).toBe(0);
    expect(sample(text, 'kkm_receipts_final_total{status="done"}')).toBe(0);
    expect(sample(text, 'kkm_receipts_final_total{status="failed"}')).toBe(0);
  });

  it('when documents are accepted and finished, then the counters move by kind and status', async () => {
    const metrics = build();
    metrics.countAccepted('invoice');
    metrics.countAccepted('invoice');
    metrics.countAccepted('refund');
    metrics.countFinal('failed');

    const text = await metrics.render();
    expect(sample(text, 'kkm_documents_accepted_total{kind="invoice"}')).toBe(2);
    expect(sample(text, 'kkm_documents_accepted_total{kind="refund"}')).toBe(1);
    expect(sample(text, 'kkm_receipts_final_total{status="failed"}')).toBe(1);
    expect(sample(text, 'kkm_receipts_final_total{status="done"}')).toBe(0);
  });

  it('when ATOL calls and job runs are observed, then the histograms count them in seconds', async () => {
    const metrics = build();
    metrics.observeAtol('sell', 'registered', 40);
    metrics.observeAtol('sell', 'registered', 2000);
    metrics.observeJobRun({ job: 'status-poller', durationMs: 1500, ok: false });

    const text = await metrics.render();
    const atol = 'kkm_atol_request_duration_seconds';
    expect(sample(text, `${atol}_count{operation="sell",outcome="registered"}`)).toBe(2);
    expect(sample(text, `${atol}_sum{operation="sell",outcome="registered"}`)).toBeCloseTo(2.04);
    expect(sample(text, `${atol}_bucket{le="0.05",operation="sell",outcome="registered"}`)).toBe(1);
    const jobs = 'kkm_job_run_duration_seconds';
    expect(sample(text, `${jobs}_count{job="status-poller",outcome="failed"}`)).toBe(1);
    expect(sample(text, `${jobs}_sum{job="status-poller",outcome="failed"}`)).toBe(1.5);
  });

  it('when scraped, then the queue and waiting gauges come from the store', async () => {
    const store = new FakeMetricsStore();
    store.queueFigures = { due: 7, scheduled: 3, sending: 2, oldestDueSeconds: 12.5 };
    store.waitingFigures = { waiting: 40, oldestWaitingSeconds: 90 };

    const text = await build(store).render();

    expect(sample(text, 'kkm_queue_depth{state="due"}')).toBe(7);
    expect(sample(text, 'kkm_queue_depth{state="scheduled"}')).toBe(3);
    expect(sample(text, 'kkm_queue_depth{state="sending"}')).toBe(2);
    expect(sample(text, 'kkm_queue_oldest_due_seconds')).toBe(12.5);
    expect(sample(text, 'kkm_transactions_waiting')).toBe(40);
    expect(sample(text, 'kkm_transactions_oldest_waiting_seconds')).toBe(90);
    expect(store.askedCompany).toBe('shop-a');
    // The two queue gauges share one read per scrape.
    expect(store.queueReads).toBe(1);
  });

  it('when the database fails at scrape time, then the last values stay and a warning is logged', async () => {
    const store = new FakeMetricsStore();
    const stream = new PassThrough();
    const lines: string[] = [];
    stream.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    const logger = createLogger({ level: 'warn', format: 'json', stream });
    const metrics = createMetrics({ store, companyKey: 'shop-a', logger, processMetrics: false });
    store.queueFigures = { due: 5, scheduled: 0, sending: 0, oldestDueSeconds: 1 };
    await metrics.render();

    store.failing = true;
    const text = await metrics.render();

    expect(sample(text, 'kkm_queue_depth{state="due"}')).toBe(5);
    expect(lines.join('')).toContain('Reading the queue for /metrics failed');
  });

  it('when two instances exist, then each has its own registry and counts', async () => {
    const first = build();
    const second = build();
    first.countAccepted('invoice');

    expect(sample(await first.render(), 'kkm_documents_accepted_total{kind="invoice"}')).toBe(1);
    expect(sample(await second.render(), 'kkm_documents_accepted_total{kind="invoice"}')).toBe(0);
  });

  it('when process metrics are on, then Node memory and event loop figures are exported', async () => {
    const metrics = createMetrics({ companyKey: 'a', logger: createSilentLogger() });

    const text = await metrics.render();

    expect(text).toContain('process_resident_memory_bytes');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });
});
