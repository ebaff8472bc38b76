import { PassThrough } from 'node:stream';
import type { Knex } from 'knex';
import { createDatabase, Database } from '../../src/db/database';
import { createLogger, Logger } from '../../src/logger';
import { createMailer, createSmtpTransport } from '../../src/mailer/mailer';
import { createReportJob, ReportJobOptions } from '../../src/reports/report-job';
import { createReportSender } from '../../src/reports/report-sender';
import { createReportRunStore } from '../../src/reports/report-run-store';
import { createReportService } from '../../src/reports/report-service';
import { createReportStore } from '../../src/reports/report-store';
import { buildSchedule, createScheduler } from '../../src/scheduler';
import { createTestDatabase } from '../helpers/test-database';
import { insertDocument } from './report-rows';
import { SmtpReceiver, startSmtpReceiver } from './smtp-receiver';

const zone = 'Europe/Moscow';
/** 00:07 on Friday 4 December 2026, Moscow: the daily run for 3 December. */
const dailyTick = new Date('2026-12-03T21:07:00Z');

function capturedLogger(): { logger: Logger; lines: () => Array<Record<string, unknown>> } {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const logger = createLogger({ level: 'debug', format: 'json', stream });
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines };
}

describe('report job', () => {
  let db: Database;
  let receiver: SmtpReceiver;
  let clock: Date;
  const slept: number[] = [];

  // One database for the file (creating one is the slow part); each test starts from empty tables.
  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(() => db.close());

  beforeEach(async () => {
    await db.knex.raw('TRUNCATE documents, report_runs CASCADE');
    receiver = await startSmtpReceiver();
    clock = dailyTick;
    slept.length = 0;
  });

  afterEach(() => receiver.close());

  function jobOn(knex: Knex, overrides: Partial<ReportJobOptions> = {}) {
    return createReportJob({
      runs: createReportRunStore(knex),
      reports: createReportService({
        store: createReportStore(knex),
        companyKey: 'default',
        publicUrl: 'https://kkm.example.ru',
      }),
      sender: createReportSender({
        mailer: createMailer({ transport: createSmtpTransport(receiver.url), from: 'kkm@shop.ru' }),
        recipients: ['staff@shop.ru'],
      }),
      companyKey: 'default',
      timeZone: zone,
      sendEmpty: true,
      logger: capturedLogger().logger,
      owner: 'instance-a',
      clock: () => clock,
      sleep: (ms) => {
        slept.push(ms);
        clock = new Date(clock.getTime() + ms);
        return Promise.resolve();
      },
      ...overrides,
    });
  }

  /** A second instance: its own connection pool on PostgreSQL; PGlite has one session only. */
  async function secondConnection(): Promise<{ knex: Knex; close: () => Promise<void> }> {
    if (db.kind === 'pglite') return { knex: db.knex, close: () => Promise.resolve() };
    const url = db.knex.client.config.connection as string;
    const other = await createDatabase({ url });
    return { knex: other.knex, close: () => other.close() };
  }

  async function runs() {
    return db.knex('report_runs').select('report', 'status', 'tries', 'period_start', 'error');
  }

  it('when two schedulers fire at the same moment, then one e-mail is sent', async () => {
    await insertDocument(db.knex, {
      status: 'done',
      createdAt: '2026-12-03T10:00:00Z',
      totalKopecks: 100,
    });
    const other = await secondConnection();
    const schedulers = ['instance-a', 'instance-b'].map((owner, index) => {
      const knex = index === 0 ? db.knex : other.knex;
      const scheduler = createScheduler({ logger: capturedLogger().logger, timeZone: zone });
      const jobs = buildSchedule(
        { schedule: { poller: 'off', dailyReport: '7 0 * * *', weeklyReport: '0 8 * * 1' } },
        { reports: jobOn(knex, { owner }) },
      );
      scheduler.start(jobs);
      return scheduler;
    });

    try {
      await Promise.all(schedulers.map((scheduler) => scheduler.runNow('daily-report')));
    } finally {
      await Promise.all(schedulers.map((scheduler) => scheduler.stop(1000)));
      await other.close();
    }

    expect(receiver.messages.map((mail) => mail.subject)).toEqual([
      '[kkm] Daily report 2026-12-03: 1 documents, 1 done, 0 failed',
    ]);
    expect(await runs()).toEqual([
      {
        report: 'daily',
        status: 'sent',
        tries: 1,
        period_start: new Date('2026-12-02T21:00:00Z'),
        error: null,
      },
    ]);
  });

  it('when the period was sent already, then a later tick does not send it again', async () => {
    const job = jobOn(db.knex);

    await job.sendDailyReport();
    clock = new Date(dailyTick.getTime() + 3_600_000);
    await job.sendDailyReport();

    expect(receiver.messages).toHaveLength(1);
    expect(receiver.messages[0]?.subject).toBe('[kkm] Daily report 2026-12-03: nothing to report');
  });

  it('when the SMTP server refuses once, then the send is retried after a pause and logged', async () => {
    receiver.refuseNext(1);
    const { logger, lines } = capturedLogger();

    await jobOn(db.knex, { logger }).sendDailyReport();

    expect(receiver.messages).toHaveLength(1);
    expect(slept).toEqual([15_000]);
    expect(await runs()).toMatchObject([{ status: 'sent', tries: 2, error: null }]);
    const warning = lines().find((line) => line.level === 'warn');
    expect(warning).toMatchObject({ message: 'Report not sent; will retry', tries: 1 });
    expect(lines().find((line) => line.message === 'Report sent')).toMatchObject({ tries: 2 });
  });

  it('when every try of a run fails, then the next tick sends the old period too', async () => {
    receiver.refuseNext(3);
    const job = jobOn(db.knex);

    await job.sendDailyReport();
    expect(receiver.messages).toHaveLength(0);
    expect(await runs()).toMatchObject([{ status: 'failed', tries: 3 }]);
    expect((await runs())[0]?.error).toMatch(/try again later/);

    clock = new Date(dailyTick.getTime() + 86_400_000);
    await job.sendDailyReport();

    expect(receiver.messages.map((mail) => mail.subject).sort()).toEqual([
      '[kkm] Daily report 2026-12-03: nothing to report',
      '[kkm] Daily report 2026-12-04: nothing to report',
    ]);
  });

  it('when tries are used up, then the period is given up and logged as an error', async () => {
    receiver.refuseNext(10);
    const { logger, lines } = capturedLogger();
    const job = jobOn(db.knex, { logger, maxTries: 2, retryDelaysMs: [1000] });

    await job.sendDailyReport();
    await job.sendDailyReport();

    expect(await runs()).toMatchObject([{ status: 'failed', tries: 2 }]);
    expect(lines().filter((line) => line.level === 'error')).toMatchObject([
      { message: 'Report not sent; giving up for this period', tries: 2 },
    ]);
  });

  it('when the period is empty and empty reports are off, then nothing is sent', async () => {
    await jobOn(db.knex, { sendEmpty: false }).sendDailyReport();

    expect(receiver.messages).toHaveLength(0);
    expect(await runs()).toMatchObject([{ status: 'skipped', tries: 1 }]);
  });

  it('when the weekly job runs on Monday, then it reports last week Monday to Sunday', async () => {
    clock = new Date('2026-12-07T05:00:00Z');
    await insertDocument(db.knex, {
      status: 'done',
      createdAt: '2026-11-29T21:30:00Z',
      totalKopecks: 1,
    });
    await insertDocument(db.knex, {
      status: 'done',
      createdAt: '2026-11-29T20:30:00Z',
      totalKopecks: 1,
    });

    await jobOn(db.knex).sendWeeklyReport();

    expect(receiver.messages.map((mail) => mail.subject)).toEqual([
      '[kkm] Weekly report 2026-11-30 – 2026-12-06: 1 documents, 1 done, 0 failed',
    ]);
    expect(await runs()).toMatchObject([
      { report: 'weekly', period_start: new Date('2026-11-29T21:00:00Z') },
    ]);
  });
});
