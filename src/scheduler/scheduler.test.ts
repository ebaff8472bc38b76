import { PassThrough } from 'node:stream';
import { createLogger } from '../logger/logger';
import { buildSchedule } from './schedule';
import { createScheduler, Scheduler } from './scheduler';

function capture() {
  const stream = new PassThrough();
  const lines: Array<Record<string, unknown>> = [];
  stream.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
  });
  return { logger: createLogger({ level: 'debug', format: 'json', stream }), lines };
}

function deferred() {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('scheduler', () => {
  let scheduler: Scheduler;
  let lines: Array<Record<string, unknown>>;

  beforeEach(() => {
    const captured = capture();
    lines = captured.lines;
    scheduler = createScheduler({ logger: captured.logger, timeZone: 'Europe/Moscow' });
  });
  afterEach(() => scheduler.stop(1000));

  it('when an expression is invalid, then start refuses and names the job', () => {
    const run = jest.fn();

    expect(() => scheduler.start([{ name: 'bad', cron: 'every day', run }])).toThrow(
      /bad \("every day"\)/,
    );
  });

  it('when a job runs, then its run is logged with the duration', async () => {
    scheduler.start([{ name: 'quick', cron: '0 0 1 1 *', run: () => Promise.resolve() }]);

    await scheduler.runNow('quick');
    await flush();

    expect(lines).toContainEqual(
      expect.objectContaining({ message: 'Job quick finished', durationMs: expect.any(Number) }),
    );
  });

  it('when a job fails, then the failure is logged and the next run still happens', async () => {
    const run = jest.fn().mockRejectedValueOnce(new Error('boom')).mockResolvedValue(undefined);
    scheduler.start([{ name: 'flaky', cron: '0 0 1 1 *', run }]);

    await scheduler.runNow('flaky');
    await scheduler.runNow('flaky');
    await flush();

    expect(run).toHaveBeenCalledTimes(2);
    expect(lines.find((line) => line.message === 'Job flaky failed')).toMatchObject({
      level: 'error',
      error: expect.objectContaining({ message: 'boom' }),
    });
  });

  it('when a tick comes while the previous run is going, then it is skipped', async () => {
    const gate = deferred();
    const run = jest.fn(() => gate.promise);
    scheduler.start([{ name: 'slow', cron: '0 0 1 1 *', run }]);

    const first = scheduler.runNow('slow');
    const second = scheduler.runNow('slow');
    gate.resolve();
    await Promise.all([first, second]);
    await flush();

    expect(run).toHaveBeenCalledTimes(1);
    expect(lines.some((line) => String(line.message).includes('skipped'))).toBe(true);
  });

  it('when the expression says every second, then node-cron ticks the job', async () => {
    const ran = deferred();
    scheduler.start([{ name: 'tick', cron: '* * * * * *', run: async () => ran.resolve() }]);

    await expect(Promise.race([ran.promise.then(() => 'ran'), sleep(2500)])).resolves.toBe('ran');
  });

  it('when stopped during a run, then stop waits for the run to finish', async () => {
    const gate = deferred();
    let finished = false;
    scheduler.start([
      { name: 'long', cron: '0 0 1 1 *', run: () => gate.promise.then(() => (finished = true)) },
    ]);

    const run = scheduler.runNow('long');
    const stopped = scheduler.stop(5000);
    setTimeout(gate.resolve, 50);
    await stopped;

    expect(finished).toBe(true);
    await run;
  });

  it('when a job is off, then it is not scheduled but can be run by name', async () => {
    const run = jest.fn().mockResolvedValue(undefined);
    scheduler.start([{ name: 'disabled', cron: 'off', run }]);

    await scheduler.runNow('disabled');

    expect(run).toHaveBeenCalledTimes(1);
  });
});

describe('the schedule table', () => {
  it('when a service is not wired, then its rows are left out', () => {
    const schedule = { poller: '*/5 * * * * *', dailyReport: '0 8 * * *', weeklyReport: 'off' };
    const pollDue = jest.fn().mockResolvedValue(undefined);

    const jobs = buildSchedule({ schedule }, { statusPoller: { pollDue } });

    expect(jobs.map((job) => [job.name, job.cron])).toEqual([['status-poller', '*/5 * * * * *']]);
  });
});

function sleep(ms: number): Promise<string> {
  return new Promise((resolve) => setTimeout(() => resolve('timeout'), ms));
}
