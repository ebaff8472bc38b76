import type { BenchOptions } from '../bench-options';
import { createBenchDatabase } from '../bench-database';
import { milliseconds, perSecond } from '../bench-format';
import { BENCH_API_KEY, startBenchService } from '../bench-service';
import type { ScenarioResult } from '../bench-types';
import { startBaselineServer } from '../baseline-server';
import { generateLoad } from '../load';
import type { LoadResult } from '../load-types';

const LINES = 5;

const mean = (values: number[]): number =>
  values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

function summary(runs: LoadResult[]) {
  return {
    rps: mean(runs.map((run) => run.rps)),
    p50Ms: mean(runs.map((run) => run.p50Ms)),
    p99Ms: mean(runs.map((run) => run.p99Ms)),
    failures: runs.reduce((sum, run) => sum + run.non2xx + run.errors, 0),
  };
}

const describe = (figures: ReturnType<typeof summary>): string =>
  `${perSecond(figures.rps, ' req/s')} (p50 ${milliseconds(figures.p50Ms)}, ` +
  `p99 ${milliseconds(figures.p99Ms)})`;

/**
 * 1. accept: new invoices POSTed at N connections to the service in async mode (store the
 * document, its history and its first attempt; the queue worker is stopped so only accepting
 * is measured), against a bare Express endpoint that INSERTs the same body into the same
 * database. Rounds alternate which one goes first.
 */
export async function runAccept(options: BenchOptions): Promise<ScenarioResult> {
  const started = Date.now();
  const { connections, acceptSeconds, rounds } = options.sizes;
  const db = await createBenchDatabase(options.databaseUrl);
  const service = await startBenchService({
    db,
    atolUrl: 'http://127.0.0.1:9',
    logLevel: options.logLevel,
    callbackTrust: options.callbackTrust,
  });
  const baseline = await startBaselineServer(db);
  const serviceRuns: LoadResult[] = [];
  const baselineRuns: LoadResult[] = [];
  const load = (target: 'service' | 'baseline', prefix: string, seconds: number) =>
    generateLoad({
      url: target === 'service' ? service.url : baseline.url,
      path: target === 'service' ? '/api/v1/invoices' : baseline.path,
      headers: target === 'service' ? { authorization: `Bearer ${BENCH_API_KEY}` } : {},
      connections,
      seconds,
      idPrefix: prefix,
      lines: LINES,
    });

  try {
    // Warm-up: JIT, pools and caches of both before anything counts.
    if (!options.quick) {
      await load('baseline', 'WB-', 2);
      await load('service', 'WS-', 2);
    }
    for (let round = 1; round <= rounds; round += 1) {
      const order =
        round % 2 === 1 ? (['baseline', 'service'] as const) : (['service', 'baseline'] as const);
      for (const target of order) {
        const result = await load(target, `${target[0]}${round}-`, acceptSeconds);
        (target === 'service' ? serviceRuns : baselineRuns).push(result);
        console.log(`  accept round ${round} ${target}: ${result.rps.toFixed(0)} req/s`);
      }
    }
  } finally {
    await baseline.close();
    await service.close();
    await db.close();
  }

  const ours = summary(serviceRuns);
  const bare = summary(baselineRuns);
  const ratio = ours.rps / bare.rps;
  const notes = [
    `${rounds} round(s) of ${acceptSeconds} s at ${connections} connections, ${LINES}-line ` +
      'invoices, every request a new document; the queue worker was stopped.',
  ];
  if (ours.failures + bare.failures > 0) {
    notes.push(`${ours.failures} failed service and ${bare.failures} failed baseline requests.`);
  }
  return {
    scenario: 'accept',
    lines: [
      {
        name: `accept: POST invoice, async, ${connections} connections`,
        result: describe(ours),
        baseline: `${describe(bare)} bare INSERT`,
        ratio,
        target: '≥ 0.6× baseline',
        met: ratio >= 0.6 && ours.failures === 0,
      },
    ],
    figures: { service: serviceRuns, baseline: baselineRuns, ratio },
    notes,
    durationMs: Date.now() - started,
  };
}
