import cron, { ScheduledTask } from 'node-cron';
import type { Logger } from '../logger/logger';
import { runWithLogContext } from '../logger/log-context';
import { settledWithin } from '../time/settled-within';

/** One row of the schedule table: a name, a cron expression and what to call. */
export interface ScheduledJob {
  name: string;
  /** node-cron expression (5 fields, or 6 with seconds); `off` disables the job. */
  cron: string;
  run: () => Promise<unknown>;
}

export interface SchedulerOptions {
  logger: Logger;
  /** Cron expressions are read in this IANA time zone. */
  timeZone: string;
  /** Told of every finished run, as it is logged (the metrics count runs and durations). */
  onRun?: (run: { job: string; durationMs: number; ok: boolean }) => void;
}

export interface Scheduler {
  /** Schedules every enabled job. Throws, naming them, if any expression is invalid. */
  start(jobs: readonly ScheduledJob[]): void;
  /** Runs one job now, as a tick would (skipped if it is already running). */
  runNow(name: string): Promise<void>;
  /** Stops ticking and waits up to `timeoutMs` for runs in progress. */
  stop(timeoutMs: number): Promise<void>;
}

/** Creates the runner over node-cron. Jobs never overlap themselves and never crash the process. */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const logger = options.logger.child({ module: 'scheduler' });
  const tasks: ScheduledTask[] = [];
  const jobs = new Map<string, ScheduledJob>();
  const running = new Map<string, Promise<void>>();

  async function execute(job: ScheduledJob): Promise<void> {
    const started = Date.now();
    try {
      await runWithLogContext({ job: job.name }, job.run);
      const durationMs = Date.now() - started;
      logger.info(`Job ${job.name} finished`, { job: job.name, durationMs });
      options.onRun?.({ job: job.name, durationMs, ok: true });
    } catch (error) {
      const durationMs = Date.now() - started;
      logger.error(`Job ${job.name} failed`, { job: job.name, durationMs, error });
      options.onRun?.({ job: job.name, durationMs, ok: false });
    }
  }

  function tick(job: ScheduledJob): Promise<void> {
    const current = running.get(job.name);
    if (current) {
      logger.warn(`Job ${job.name} skipped: the previous run is still going`, { job: job.name });
      return current;
    }
    const run = execute(job).finally(() => running.delete(job.name));
    running.set(job.name, run);
    return run;
  }

  return {
    start(list) {
      const invalid = list.filter((job) => job.cron !== 'off' && !cron.validate(job.cron));
      if (invalid.length > 0) {
        const names = invalid.map((job) => `${job.name} ("${job.cron}")`).join(', ');
        throw new Error(`Invalid cron expressions: ${names}`);
      }
      for (const job of list) {
        jobs.set(job.name, job);
        if (job.cron === 'off') {
          logger.info(`Job ${job.name} is off`, { job: job.name });
          continue;
        }
        const task = cron.schedule(job.cron, () => tick(job), {
          name: job.name,
          timezone: options.timeZone,
          suppressMissedWarning: true,
        });
        tasks.push(task);
        logger.info(`Job ${job.name} scheduled`, { job: job.name, cron: job.cron });
      }
    },

    async runNow(name) {
      const job = jobs.get(name);
      if (!job) throw new Error(`No job named ${name}`);
      await tick(job);
    },

    async stop(timeoutMs) {
      await Promise.all(tasks.splice(0).map((task) => task.destroy()));
      const pending = [...running.values()];
      if (pending.length === 0) return;
      logger.info('Waiting for running jobs', { jobs: [...running.keys()] });
      await settledWithin(Promise.all(pending), timeoutMs);
      if (running.size > 0)
        logger.warn('Jobs still running at shutdown', { jobs: [...running.keys()] });
    },
  };
}
