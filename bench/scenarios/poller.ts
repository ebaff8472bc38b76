import type { Knex } from 'knex';
import { createAtolClient, type AtolClient } from '../../src/atol';
import { createSilentLogger } from '../../src/logger';
import type { BenchOptions } from '../bench-options';
import { createBenchDatabase } from '../bench-database';
import { mib, sampleMemory, settledMemory } from '../bench-memory';
import { milliseconds, perSecond } from '../bench-format';
import { seedWaitingCopies } from '../bench-seed';
import { startBenchService } from '../bench-service';
import { acceptTemplate } from '../bench-template';
import type { ScenarioResult } from '../bench-types';
import { startEmulatorProcess } from '../emulator-process';

/** ATOL's budget is 1 report/s per register (reference §8); the emulator has none. */
const POLL_RATE = 1000;
/** The poller's default number of report calls in flight. */
const CONCURRENCY = 4;
/** Registering the copies is set-up, done as fast as the emulator takes it. */
const REGISTER_CONCURRENCY = 16;

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
 * Registers `count` copies of the template's ATOL body at the emulator, straight through the
 * ATOL client (the queue is not what this scenario measures), each under its own external id:
 * the template's, `-`, the copy's shop id. Returns their uuids in order.
 */
async function registerCopies(
  knex: Knex,
  client: AtolClient,
  attemptId: number,
  count: number,
): Promise<string[]> {
  const row: { request: Record<string, unknown>; external_id: string } = await knex('attempts')
    .where('id', attemptId)
    .first('request', 'external_id');
  const uuids: string[] = new Array<string>(count);
  const numbers = Array.from({ length: count }, (_, index) => index + 1);
  await eachLimited(numbers, REGISTER_CONCURRENCY, async (number) => {
    const externalId = `${row.external_id}-P-${number}`;
    const outcome = await client.register('sell', { ...row.request, external_id: externalId });
    if (outcome.kind !== 'registered' && outcome.kind !== 'duplicate') {
      throw new Error(`The emulator did not register ${externalId}: ${outcome.kind}`);
    }
    uuids[number - 1] = outcome.uuid;
  });
  return uuids;
}

/**
 * 6. poller: N transactions waiting for their result (registered at the emulator, which has
 * them done, but no callback told the service), then one poller run over all of them: its
 * time and its peak memory. The same-run baseline is the bare ATOL client asking
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
    const { atol } = service.context.config;
    const bareClient = createAtolClient({ ...atol, logger: createSilentLogger() });
    const uuids = await registerCopies(db.knex, bareClient, template.attemptId, count);
    await seedWaitingCopies(db.knex, template, uuids, 'P-');
    const waiting = () => db.knex('transactions').where('status', 'wait').count({ n: '*' });
    console.log(`  poller: ${count} receipts registered at the emulator and seeded`);

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
        `ATOL_POLL_RATE=${POLL_RATE} (ATOL itself allows 1 report/s per register, so a real ` +
          `run over ${count} takes ${count} s); ${CONCURRENCY} calls in flight; ` +
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
