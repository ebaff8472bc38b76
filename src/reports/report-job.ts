import type { Logger } from '../logger';
import { namedPeriod, periodFromBounds, periodLabel, ReportPeriod } from './report-period';
import type { ReportRun, ReportRunStore, ScheduledReport } from './report-run-store';
import type { ReportSender } from './report-sender';
import type { ReportService } from './report-service';

export interface ReportJobOptions {
  runs: ReportRunStore;
  reports: ReportService;
  sender: ReportSender;
  companyKey: string;
  timeZone: string;
  /** Send "nothing to report" for an empty period (REPORT_SEND_EMPTY). */
  sendEmpty: boolean;
  logger: Logger;
  /** Names this instance in report_runs.locked_by. */
  owner: string;
  /** Tries per period, counting the first; later ticks retry until they are used up. */
  maxTries?: number;
  /** Waits between tries within one run; a failure after the last one waits for a later tick. */
  retryDelaysMs?: readonly number[];
  /** How long a claim holds before another instance may take the period over. */
  leaseMs?: number;
  clock?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

export interface ReportJob {
  /** The scheduled daily run: yesterday's report, then any earlier one still unsent. */
  sendDailyReport(): Promise<void>;
  /** The scheduled weekly run: last week's report (Monday to Sunday). */
  sendWeeklyReport(): Promise<void>;
}

type Outcome = 'sent' | 'skipped' | 'failed' | 'taken';

const periodNames = { daily: 'yesterday', weekly: 'week' } as const;

export function createReportJob(options: ReportJobOptions): ReportJob {
  const log = options.logger.child({ module: 'report-job' });
  const maxTries = options.maxTries ?? 5;
  const delays = options.retryDelaysMs ?? [15_000, 60_000];
  const leaseMs = options.leaseMs ?? 10 * 60_000;
  const clock = options.clock ?? ((): Date => new Date());
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  /** One try: claim the period, build, render and send, record the outcome. */
  async function tryOnce(report: ScheduledReport, period: ReportPeriod): Promise<Outcome> {
    const now = clock();
    const run = await options.runs.claim({
      companyKey: options.companyKey,
      report,
      periodStart: period.start,
      periodEnd: period.end,
      owner: options.owner,
      now,
      leaseMs,
      maxTries,
    });
    if (!run) {
      log.debug('Report already sent, or being sent by another instance', {
        report,
        period: periodLabel(period),
      });
      return 'taken';
    }

    try {
      return await deliver(run, period, now);
    } catch (error) {
      await recordFailure(run, period, error);
      return 'failed';
    }
  }

  async function deliver(run: ReportRun, period: ReportPeriod, now: Date): Promise<Outcome> {
    const report = await options.reports.buildReport(period, now);
    if (report.isEmpty && !options.sendEmpty) {
      await options.runs.finish(run, options.owner, 'skipped', clock());
      log.info('Report skipped: nothing to report', {
        report: run.report,
        period: report.periodLabel,
      });
      return 'skipped';
    }

    const sent = await options.sender.send(report);
    await options.runs.finish(run, options.owner, 'sent', clock());
    log.info('Report sent', {
      report: run.report,
      period: report.periodLabel,
      tries: run.tries,
      messageId: sent.messageId,
    });
    return 'sent';
  }

  async function recordFailure(
    run: ReportRun,
    period: ReportPeriod,
    error: unknown,
  ): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    const delay = delays[Math.min(run.tries - 1, delays.length - 1)] ?? 0;
    await options.runs.fail(run, options.owner, message, new Date(clock().getTime() + delay));
    const fields = { report: run.report, period: periodLabel(period), tries: run.tries, error };
    if (run.tries >= maxTries) log.error('Report not sent; giving up for this period', fields);
    else log.warn('Report not sent; will retry', fields);
  }

  /** Tries a period until it is sent, taken by another instance, or out of in-run retries. */
  async function sendPeriod(report: ScheduledReport, period: ReportPeriod): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      const outcome = await tryOnce(report, period);
      const delay = delays[attempt];
      if (outcome !== 'failed' || delay === undefined) return;
      await sleep(delay);
    }
  }

  async function runScheduled(report: ScheduledReport): Promise<void> {
    const current = namedPeriod(periodNames[report], clock(), options.timeZone);
    await sendPeriod(report, current);

    const unfinished = await options.runs.listUnfinished(options.companyKey, report, maxTries);
    for (const run of unfinished) {
      if (run.periodStart.getTime() === current.start.getTime()) continue;
      const period = periodFromBounds(
        periodNames[report],
        run.periodStart,
        run.periodEnd,
        options.timeZone,
      );
      await sendPeriod(report, period);
    }
  }

  return {
    sendDailyReport: () => runScheduled('daily'),
    sendWeeklyReport: () => runScheduled('weekly'),
  };
}
