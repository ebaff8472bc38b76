import { namedPeriod, rangePeriod, type ReportPeriod } from '../../src/reports/report-period';
import { addDays, formatDate, startOfZonedDay, zonedDate } from '../../src/reports/zoned-time';
import type { BenchOptions } from '../bench-options';
import { createBenchDatabase } from '../bench-database';
import { milliseconds } from '../bench-format';
import { seedReportRows } from '../bench-seed';
import { startBenchService } from '../bench-service';
import type { ScenarioResult } from '../bench-types';

const DAYS = 30;
const RUNS = 5;
const FULL_ROWS = 1_000_000;

async function timed(call: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await call();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function timings(call: () => Promise<unknown>): Promise<{ first: number; median: number }> {
  const runs: number[] = [];
  for (let run = 0; run < RUNS; run += 1) runs.push(await timed(call));
  const sorted = [...runs].sort((a, b) => a - b);
  return { first: runs[0] ?? Number.NaN, median: sorted[Math.floor(RUNS / 2)] ?? Number.NaN };
}

/**
 * 4. report: N documents, each with its attempt and transaction, spread over the 30 days up to
 * today (seeded in bulk), then the report the service builds for those 30 days — every figure
 * it mails (counts and sums by kind and status, failures, stuck documents). The same-run
 * baseline is a plain count and sum over the same documents table.
 */
export async function runReport(options: BenchOptions): Promise<ScenarioResult> {
  const started = Date.now();
  const rows = options.sizes.reportRows;
  const db = await createBenchDatabase(options.databaseUrl);
  const service = await startBenchService({
    db,
    atolUrl: 'http://127.0.0.1:9',
    logLevel: options.logLevel,
    callbackTrust: options.callbackTrust,
  });
  try {
    const { timeZone, company } = service.context.config;
    const today = zonedDate(new Date(), timeZone);
    const end = startOfZonedDay(today, timeZone);
    const seedStarted = Date.now();
    await seedReportRows(db.knex, { companyKey: company.key, count: rows, end, days: DAYS });
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    console.log(`  report: seeded ${rows} documents in ${seedSeconds.toFixed(1)} s`);

    const now = new Date();
    const month: ReportPeriod = rangePeriod(
      formatDate(addDays(today, -DAYS)),
      formatDate(addDays(today, -1)),
      timeZone,
    );
    const { reports } = service.context.services;
    const report = await reports.buildReport(month, now);
    const monthly = await timings(() => reports.buildReport(month, now));
    const daily = await timings(() =>
      reports.buildReport(namedPeriod('yesterday', now, timeZone), now),
    );
    const bare = await timings(() =>
      db.knex.raw('SELECT count(*), sum(total_kopecks) FROM documents'),
    );

    const notes = [
      `${rows} documents seeded in ${seedSeconds.toFixed(0)} s; the report counted ` +
        `${report.counts.total} documents, ${report.failureCount} failed and ` +
        `${report.stuckCount} stuck; median of ${RUNS} runs ` +
        `(first run ${milliseconds(monthly.first)}).`,
    ];
    if (rows < FULL_ROWS) {
      notes.push(
        db.kind === 'pglite'
          ? `PGlite: ${rows} rows instead of ${FULL_ROWS} (seeding a million rows into the ` +
              'in-process database takes too long); set BENCH_REPORT_ROWS to change it.'
          : `${rows} rows instead of ${FULL_ROWS}.`,
      );
    }
    return {
      scenario: 'report',
      lines: [
        {
          name: `report: ${DAYS} days over ${rows.toLocaleString('en-US')} transactions`,
          result: milliseconds(monthly.median),
          baseline: `${milliseconds(bare.median)} count+sum of all rows`,
          ratio: monthly.median / bare.median,
          target: '< 1 s',
          met: monthly.median < 1000,
        },
        {
          name: 'report: yesterday (daily e-mail)',
          result: milliseconds(daily.median),
          baseline: `${milliseconds(bare.median)} count+sum of all rows`,
          ratio: daily.median / bare.median,
        },
      ],
      figures: { rows, seedSeconds, monthly, daily, bare, counts: report.counts },
      notes,
      durationMs: Date.now() - started,
    };
  } finally {
    await service.close();
    await db.close();
  }
}
