import type { BenchOptions } from '../bench-options';
import { createBenchDatabase } from '../bench-database';
import { milliseconds, perSecond } from '../bench-format';
import { BENCH_API_KEY, startBenchService } from '../bench-service';
import type { ScenarioResult } from '../bench-types';
import { documentCounts, waitUntil } from '../bench-wait';
import { startBaselineServer } from '../baseline-server';
import { startEmulatorProcess } from '../emulator-process';
import { generateLoad } from '../load';

const LINES = 5;
const TARGET_PER_SECOND = 300;

/**
 * 2. end to end: N new invoices POSTed at N connections while the service runs its queue
 * worker and jobs against the emulator (no processing delay, callbacks to the service); the
 * clock stops when the database holds N documents in a final status. The same-run baseline
 * is the bare-INSERT endpoint's rate on the same database, for scale.
 */
export async function runEndToEnd(options: BenchOptions): Promise<ScenarioResult> {
  const started = Date.now();
  const { endToEndDocuments: count, connections } = options.sizes;
  const db = await createBenchDatabase(options.databaseUrl);
  const emulator = await startEmulatorProcess();
  const service = await startBenchService({
    db,
    atolUrl: emulator.url,
    logLevel: options.logLevel,
    callbackTrust: options.callbackTrust,
  });
  const baseline = await startBaselineServer(db);
  try {
    const bare = await generateLoad({
      url: baseline.url,
      path: baseline.path,
      headers: {},
      connections,
      seconds: options.quick ? 1 : 3,
      idPrefix: 'B-',
      lines: LINES,
    });
    await baseline.close();

    await service.startWorkers({ scheduler: true });
    const t0 = Date.now();
    const posting = generateLoad({
      url: service.url,
      path: '/api/v1/invoices',
      headers: { authorization: `Bearer ${BENCH_API_KEY}` },
      connections,
      amount: count,
      idPrefix: 'E-',
      lines: LINES,
    });
    const finals = async () => {
      const counts = await documentCounts(db.knex);
      return (counts.done ?? 0) + (counts.failed ?? 0);
    };
    const [posted, finished] = await Promise.all([
      posting,
      waitUntil(finals, count, {
        timeoutMs: Math.max(120_000, count * 100),
        intervalMs: 100,
        label: 'end to end, final documents',
      }),
    ]);
    const seconds = (finished.reachedAt - t0) / 1000;
    const rate = finished.value / seconds;
    const counts = await documentCounts(db.knex);
    console.log(`  end to end: ${finished.value} final in ${seconds.toFixed(1)} s`);

    const notes = [
      `${count} ${LINES}-line invoices at ${connections} connections, CALLBACK_TRUST=` +
        `${options.callbackTrust}, QUEUE_WORKERS=${service.context.config.queue.workers}; ` +
        `all POSTed in ${milliseconds(posted.durationMs)} (${perSecond(posted.rps, ' req/s')}); ` +
        `final statuses ${JSON.stringify(counts)}.`,
    ];
    if (!finished.reached) notes.push(`Timed out with ${finished.value} of ${count} final.`);
    if (posted.non2xx + posted.errors > 0) {
      notes.push(`${posted.non2xx + posted.errors} POSTs failed.`);
    }
    return {
      scenario: 'end-to-end',
      lines: [
        {
          name: `end to end: ${count} documents, POST → done`,
          result: perSecond(rate, ' receipts/s'),
          baseline: `${perSecond(bare.rps, ' req/s')} bare INSERT`,
          ratio: rate / bare.rps,
          target: `≥ ${TARGET_PER_SECOND}/s`,
          met: finished.reached && rate >= TARGET_PER_SECOND && (counts.failed ?? 0) === 0,
        },
      ],
      figures: { count, seconds, rate, posted, baseline: bare, counts },
      notes,
      durationMs: Date.now() - started,
    };
  } finally {
    await baseline.close();
    await service.close();
    await emulator.close();
    await db.close();
  }
}
