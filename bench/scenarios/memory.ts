import type { BenchOptions } from '../bench-options';
import { createBenchDatabase, type BenchDatabase } from '../bench-database';
import { mib, sampleMemory, settledMemory, type MemoryFigures } from '../bench-memory';
import { invoiceBody } from '../bench-fixtures';
import { perSecond } from '../bench-format';
import { request } from '../bench-http';
import { seedQueuedCopies } from '../bench-seed';
import {
  BENCH_API_KEY,
  BENCH_METRICS_TOKEN,
  startBenchService,
  type BenchService,
} from '../bench-service';
import { acceptTemplate } from '../bench-template';
import type { ScenarioResult } from '../bench-types';
import { documentCounts, waitUntil } from '../bench-wait';
import { startEmulatorProcess } from '../emulator-process';

/** Requests an operator and Prometheus would make of an idle service. */
async function touch(service: BenchService, times: number): Promise<void> {
  for (let index = 0; index < times; index += 1) {
    await request(`${service.url}/health`);
    await request(`${service.url}/metrics`, {
      headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` },
    });
  }
}

const describe = (figures: MemoryFigures): string =>
  `${mib(figures.rss)} RSS (heap ${mib(figures.heapUsed)})`;

/** Enough documents for the sends to run at the queue worker's full concurrency for a while. */
const WARM_UP_DOCUMENTS = 50;

/** Documents in a final status, less those of the warm-up. */
async function finalDocuments(db: BenchDatabase, warmedUp: number): Promise<number> {
  const counts = await documentCounts(db.knex);
  return (counts.done ?? 0) + (counts.failed ?? 0) - warmedUp;
}

/**
 * Sends some documents the whole way (accepted, sent, registered) and stops the workers again.
 * What the service builds the first time it sends (compiled code of the hot paths, a database
 * pool grown from 2 to 7 connections) stays for its whole life, so a service that has sent
 * anything at all holds it: it is not memory held for the queue.
 */
async function warmUp(service: BenchService, db: BenchDatabase): Promise<void> {
  for (let index = 1; index <= WARM_UP_DOCUMENTS; index += 1) {
    const response = await request(`${service.url}/api/v1/invoices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_API_KEY}` },
      body: JSON.stringify(invoiceBody(`WARM-${index}`)),
    });
    if (response.status !== 201) {
      throw new Error(`A warm-up invoice was refused: ${response.status} ${response.text}`);
    }
  }
  await service.startWorkers({ scheduler: true });
  const done = await waitUntil(() => finalDocuments(db, 0), WARM_UP_DOCUMENTS, {
    timeoutMs: 60_000,
    intervalMs: 100,
  });
  await service.stopWorkers();
  if (!done.reached) throw new Error(`Warm-up: ${done.value} of ${WARM_UP_DOCUMENTS} final`);
}

/** What the peak consisted of, against the idle figures. */
function peakNote(idle: MemoryFigures, atPeak: MemoryFigures): string {
  const other = (figures: MemoryFigures) => figures.rss - figures.heapTotal - figures.external;
  return (
    `At the RSS peak: V8 heap ${mib(atPeak.heapTotal)} (${mib(atPeak.heapUsed)} of it in use, ` +
    `garbage included until the next full GC), external ${mib(atPeak.external)}, the rest ` +
    `${mib(other(atPeak))}; idle ${mib(idle.heapTotal)}, ${mib(idle.external)} and ` +
    `${mib(other(idle))}.`
  );
}

/**
 * 5. memory: the service's resident size idle with an empty queue (after a warm-up), then with
 * N documents queued in bulk (worker stopped), then its peak while the worker drains them all to
 * done through the emulator. The process runs the service alone; the emulator and the load are
 * elsewhere.
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
    const cold = await settledMemory();
    await warmUp(service, db);
    await touch(service, 5);
    const idle = await settledMemory();
    console.log(`  memory idle: ${describe(idle)} (before the warm-up ${describe(cold)})`);

    const template = await acceptTemplate(service.url, db.knex);
    await seedQueuedCopies(db.knex, template, count - 1, 'Q-');
    await touch(service, 5);
    const queued = await settledMemory();
    console.log(`  memory with ${count} queued: ${describe(queued)}`);

    const sampler = sampleMemory();
    const drainStarted = Date.now();
    await service.startWorkers({ scheduler: true });
    const finished = await waitUntil(() => finalDocuments(db, WARM_UP_DOCUMENTS), count, {
      timeoutMs: options.sizes.drainSeconds * 1000,
      intervalMs: 500,
      label: 'memory, drained',
    });
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
      `Idle is measured after a warm-up: ${WARM_UP_DOCUMENTS} documents accepted, sent and ` +
        'registered, so that what the service builds when it first sends is in the idle figure ' +
        `too; before the warm-up it was ${describe(cold)}.`,
      peakNote(idle, peak.atPeak),
    ];
    if (db.kind === 'pglite') {
      notes.push(
        'PGlite runs inside the service process: its cache and WASM heap are in the RSS, and ' +
          "so are this bench's in-memory database files and WAL, which grow with every row " +
          'written while draining (a PGlite in a DATA_DIR keeps them on disk).',
      );
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
        { name: 'memory: idle, queue empty, after a warm-up', result: describe(idle) },
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
      figures: {
        count,
        cold,
        idle,
        queued,
        peak,
        after,
        drainSeconds,
        drained: finished.value,
      },
      notes,
      durationMs: Date.now() - started,
    };
  } finally {
    await service.close();
    await emulator.close();
    await db.close();
  }
}
