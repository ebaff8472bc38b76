import type { BenchOptions } from '../bench-options';
import { createBenchDatabase } from '../bench-database';
import { mib, sampleMemory, settledMemory, type MemoryFigures } from '../bench-memory';
import { perSecond } from '../bench-format';
import { seedQueuedCopies } from '../bench-seed';
import { BENCH_METRICS_TOKEN, startBenchService, type BenchService } from '../bench-service';
import { acceptTemplate } from '../bench-template';
import type { ScenarioResult } from '../bench-types';
import { documentCounts, waitUntil } from '../bench-wait';
import { startEmulatorProcess } from '../emulator-process';

/** Requests an operator and Prometheus would make of an idle service. */
async function touch(service: BenchService, times: number): Promise<void> {
  for (let index = 0; index < times; index += 1) {
    await fetch(`${service.url}/health`).then((response) => response.arrayBuffer());
    await fetch(`${service.url}/metrics`, {
      headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` },
    }).then((response) => response.arrayBuffer());
  }
}

const describe = (figures: MemoryFigures): string =>
  `${mib(figures.rss)} RSS (heap ${mib(figures.heapUsed)})`;

/**
 * 5. memory: the service's resident size idle with an empty queue, then with N documents queued
 * in bulk (worker stopped), then its peak while the worker drains them all to done through the
 * emulator. The process runs the service alone; the emulator and the load are elsewhere.
 */
export async function runMemory(options: BenchOptions): Promise<ScenarioResult> {
  const started = Date.now();
  const count = options.sizes.memoryDocuments;
  const db = await createBenchDatabase(options.databaseUrl);
  const emulator = await startEmulatorProcess();
  const service = await startBenchService({
    db,
    atolUrl: emulator.url,
    logLevel: options.logLevel,
    callbackTrust: options.callbackTrust,
  });
  try {
    await touch(service, 20);
    const idle = await settledMemory();
    console.log(`  memory idle: ${describe(idle)}`);

    const template = await acceptTemplate(service.url, db.knex);
    await seedQueuedCopies(db.knex, template, count - 1, 'Q-');
    await touch(service, 5);
    const queued = await settledMemory();
    console.log(`  memory with ${count} queued: ${describe(queued)}`);

    const sampler = sampleMemory();
    const drainStarted = Date.now();
    await service.startWorkers({ scheduler: true });
    const finished = await waitUntil(
      async () => {
        const counts = await documentCounts(db.knex);
        return (counts.done ?? 0) + (counts.failed ?? 0);
      },
      count,
      { timeoutMs: options.sizes.drainSeconds * 1000, intervalMs: 500, label: 'memory, drained' },
    );
    const peak = sampler.stop();
    const drainSeconds = (finished.reachedAt - drainStarted) / 1000;
    await service.stopWorkers();
    const after = await settledMemory();

    const queuedRatio = queued.rss / idle.rss;
    const peakRatio = peak.rss / idle.rss;
    const notes = [
      `${count} documents queued in bulk (copies of one accepted through the API); drained ` +
        `${finished.value} to a final status in ${drainSeconds.toFixed(0)} s ` +
        `(${perSecond(finished.value / drainSeconds)}); ${peak.samples} samples while draining; ` +
        `after draining ${describe(after)}.`,
    ];
    if (db.kind === 'pglite') {
      notes.push('PGlite runs inside the service process: its cache and WASM heap are in the RSS.');
    }
    if (!finished.reached) {
      notes.push(
        `Watched the first ${options.sizes.drainSeconds} s of draining (BENCH_DRAIN_SECONDS): ` +
          `${finished.value} of ${count} were final by then.`,
      );
    }
    return {
      scenario: 'memory',
      lines: [
        { name: 'memory: idle, queue empty', result: describe(idle) },
        {
          name: `memory: ${count.toLocaleString('en-US')} queued, worker stopped`,
          result: describe(queued),
          baseline: `${mib(idle.rss)} idle`,
          ratio: queuedRatio,
          target: '≤ 1.2× idle',
          met: queuedRatio <= 1.2,
        },
        {
          name: finished.reached
            ? 'memory: peak while draining'
            : `memory: peak, first ${options.sizes.drainSeconds} s of draining`,
          result: `${mib(peak.rss)} RSS (heap ${mib(peak.heapUsed)})`,
          baseline: `${mib(idle.rss)} idle`,
          ratio: peakRatio,
          target: '≤ 1.2× idle',
          met: peakRatio <= 1.2,
        },
        {
          name: 'memory: median while draining',
          result: `${mib(peak.medianRss)} RSS`,
          baseline: `${mib(idle.rss)} idle`,
          ratio: peak.medianRss / idle.rss,
        },
      ],
      figures: { count, idle, queued, peak, after, drainSeconds, drained: finished.value },
      notes,
      durationMs: Date.now() - started,
    };
  } finally {
    await service.close();
    await emulator.close();
    await db.close();
  }
}
