import { createAtolClient } from '../../src/atol';
import { createSilentLogger } from '../../src/logger';
import type { BenchOptions } from '../bench-options';
import { createBenchDatabase } from '../bench-database';
import { mib, sampleMemory, settledMemory } from '../bench-memory';
import { milliseconds, perSecond } from '../bench-format';
import { seedQueuedCopies } from '../bench-seed';
import { startBenchService } from '../bench-service';
import { acceptTemplate } from '../bench-template';
import type { ScenarioResult } from '../bench-types';
import { waitUntil } from '../bench-wait';
import { startEmulatorProcess } from '../emulator-process';

/** ATOL's budget is 1 report/s per register (reference §8); the emulator has none. */
const POLL_RATE = 1000;
/** The poller's default number of report calls in flight. */
const CONCURRENCY = 4;

async function eachLimited<T>(items: T[], limit: number, run: (item: T) => Promise<unknown>) {
  let next = 0;
  const lanes = Array.from({ length: limit }, async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await run(item);
    }
  });
  await Promise.all(lanes);
}

/**
 * 6. poller: N transactions waiting at ATOL (registered through the queue with callbacks
 * turned off, so nothing told the service their result), then one poller run over all of
 * them: its time and its peak memory. The same-run baseline is the bare ATOL client asking
 * the emulator for the same N reports with the poller's concurrency, with no database work.
 */
export async function runPoller(options: BenchOptions): Promise<ScenarioResult> {
  const started = Date.now();
  const count = options.sizes.pollerTransactions;
  const db = await createBenchDatabase(options.databaseUrl);
  const emulator = await startEmulatorProcess();
  const service = await startBenchService({
    db,
    atolUrl: emulator.url,
    logLevel: options.logLevel,
    callbackTrust: options.callbackTrust,
    callbacks: false,
    env: { ATOL_POLL_RATE: String(POLL_RATE) },
  });
  try {
    const template = await acceptTemplate(service.url, db.knex);
    await seedQueuedCopies(db.knex, template, count - 1, 'P-');
    await service.startWorkers();
    const waiting = () => db.knex('transactions').where('status', 'wait').count({ n: '*' });
    const registered = await waitUntil(async () => Number((await waiting())[0]?.n ?? 0), count, {
      timeoutMs: Math.max(120_000, count * 20),
      intervalMs: 250,
      label: 'poller, registered',
    });
    await service.stopWorkers();
    if (!registered.reached) throw new Error(`Only ${registered.value} of ${count} registered`);
    await db.knex('transactions').update({ next_poll_at: db.knex.fn.now() });
    const uuids: string[] = (await db.knex('transactions').select('uuid')).map(
      (row: { uuid: string }) => row.uuid,
    );

    const { atol } = service.context.config;
    const bareClient = createAtolClient({ ...atol, logger: createSilentLogger() });
    const bareStarted = Date.now();
    await eachLimited(uuids, CONCURRENCY, (uuid) => bareClient.report(uuid));
    const bareMs = Date.now() - bareStarted;

    const before = await settledMemory();
    const sampler = sampleMemory(20);
    const pollStarted = Date.now();
    const summary = await service.context.services.statusPoller.pollDue();
    const pollMs = Date.now() - pollStarted;
    const peak = sampler.stop();
    const left = Number((await waiting())[0]?.n ?? 0);
    console.log(`  poller: ${count} in ${pollMs} ms, ${left} still waiting`);

    return {
      scenario: 'poller',
      lines: [
        {
          name: `poller: ${count.toLocaleString('en-US')} waiting transactions`,
          result: `${milliseconds(pollMs)} (${perSecond(count / (pollMs / 1000))})`,
          baseline: `${milliseconds(bareMs)} bare report calls`,
          ratio: pollMs / bareMs,
        },
        {
          name: 'poller: peak memory during the run',
          result: `+${mib(Math.max(0, peak.rss - before.rss))} RSS (peak ${mib(peak.rss)})`,
          baseline: `${mib(before.rss)} before`,
          ratio: peak.rss / before.rss,
        },
      ],
      figures: { count, pollMs, bareMs, before, peak, left, summary },
      notes: [
        `ATOL_POLL_RATE=${POLL_RATE} (ATOL itself allows 1 report/s per register, reference ` +
          `§8, so a real run over ${count} takes ${count} s); ${CONCURRENCY} calls in flight; ` +
          `${left} left waiting after the run.`,
      ],
      durationMs: Date.now() - started,
    };
  } finally {
    await service.close();
    await emulator.close();
    await db.close();
  }
}
