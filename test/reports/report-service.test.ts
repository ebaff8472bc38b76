import type { Database } from '../../src/db/database';
import { namedPeriod, rangePeriod } from '../../src/reports/report-period';
import { createReportService, ReportService } from '../../src/reports/report-service';
import { createReportStore } from '../../src/reports/report-store';
import { createTestDatabase } from '../helpers/test-database';
import {
  papers,
  scenarioNow,
  seedBoundaryScenario,
  ScenarioIds,
  validation,
} from './report-scenario';

const zone = 'Europe/Moscow';
const url = 'https://kkm.example.ru/admin/documents';

describe('report service on a database', () => {
  let db: Database;
  let service: ReportService;
  let ids: ScenarioIds;

  beforeAll(async () => {
    db = await createTestDatabase();
    ids = await seedBoundaryScenario(db.knex);
    service = createReportService({
      store: createReportStore(db.knex),
      companyKey: 'default',
      publicUrl: 'https://kkm.example.ru',
      stuckAfterMinutes: 15,
    });
  });

  afterAll(() => db.close());

  it('when yesterday is reported, then only documents of that Moscow day are counted', async () => {
    const period = namedPeriod('yesterday', scenarioNow, zone);

    const report = await service.buildReport(period, scenarioNow);

    expect(period.start.toISOString()).toBe('2026-12-02T21:00:00.000Z');
    expect(period.end.toISOString()).toBe('2026-12-03T21:00:00.000Z');
    expect(report.periodLabel).toBe('2026-12-03');
    const [invoices, refunds] = report.figures;
    expect(invoices).toEqual({
      kind: 'invoice',
      buckets: {
        done: { count: 2, kopecks: 123457, roubles: '1 234.57' },
        wait: { count: 1, kopecks: 9999, roubles: '99.99' },
        failed: { count: 1, kopecks: 50000, roubles: '500.00' },
        notSent: { count: 1, kopecks: 1000, roubles: '10.00' },
      },
      total: { count: 5, kopecks: 184456, roubles: '1 844.56' },
    });
    expect(refunds).toEqual({
      kind: 'refund',
      buckets: {
        done: { count: 1, kopecks: 30000, roubles: '300.00' },
        wait: { count: 0, kopecks: 0, roubles: '0.00' },
        failed: { count: 1, kopecks: 5000, roubles: '50.00' },
        notSent: { count: 1, kopecks: 2000, roubles: '20.00' },
      },
      total: { count: 3, kopecks: 37000, roubles: '370.00' },
    });
    expect(report.counts).toEqual({ done: 3, wait: 1, failed: 2, notSent: 2, total: 8 });
    expect(report.netDone).toEqual({ count: 3, kopecks: 93457, roubles: '934.57' });
    expect(report.isEmpty).toBe(false);
  });

  it('when a document failed, then its last error, tries and admin link are listed', async () => {
    const report = await service.buildReport(
      namedPeriod('yesterday', scenarioNow, zone),
      scenarioNow,
    );

    expect(report.failureCount).toBe(2);
    expect(report.failures).toEqual([
      {
        documentId: ids.failedInvoice,
        kind: 'invoice',
        shopId: 'INV-<b>3</b>',
        orderId: 'A-3',
        operation: 'sell',
        errorType: papers.type,
        errorClass: 'register',
        errorCode: '16',
        errorText: papers.text,
        tries: 2,
        lastTryAt: new Date('2026-12-03T08:01:00Z'),
        url: `${url}/invoice/${ids.failedInvoice}`,
      },
      {
        documentId: ids.failedRefund,
        kind: 'refund',
        shopId: 'REF-7',
        orderId: 'A-7',
        operation: 'sell_refund',
        errorType: validation.type,
        errorClass: null,
        errorCode: '32',
        errorText: validation.text,
        tries: 1,
        lastTryAt: new Date('2026-12-03T15:00:02Z'),
        url: `${url}/refund/${ids.failedRefund}`,
      },
    ]);
  });

  it('when documents wait longer than the threshold, then they are listed from any day', async () => {
    const report = await service.buildReport(
      namedPeriod('yesterday', scenarioNow, zone),
      scenarioNow,
    );

    expect(report.stuckCount).toBe(2);
    expect(
      report.stuck.map((stuck) => [stuck.documentId, stuck.uuid, stuck.waitingMinutes]),
    ).toEqual([
      [ids.oldWaiting, 'uuid-old', 4139],
      [ids.waitingInvoice, 'uuid-waiting', 549],
    ]);
    expect(report.stuck[0]?.orderId).toBeNull();
    expect(report.stuck[1]?.waitingSince).toEqual(new Date('2026-12-03T20:51:00Z'));
  });

  it('when today is reported, then the documents after Moscow midnight are counted', async () => {
    const report = await service.buildReport(namedPeriod('today', scenarioNow, zone), scenarioNow);

    expect(report.periodLabel).toBe('2026-12-04');
    expect(report.counts).toEqual({ done: 1, wait: 1, failed: 0, notSent: 0, total: 2 });
    expect(report.figures[1]?.buckets.done.roubles).toBe('5.00');
    expect(report.failures).toEqual([]);
  });

  it('when a range of days is reported, then both end days are included', async () => {
    const report = await service.buildReport(
      rangePeriod('2026-12-02', '2026-12-03', zone),
      scenarioNow,
    );

    expect(report.periodLabel).toBe('2026-12-02 – 2026-12-03');
    expect(report.counts.total).toBe(10);
    expect(report.failureCount).toBe(3);
  });

  it('when nothing happened and nothing waits, then the report is empty', async () => {
    const lonely = createReportService({
      store: createReportStore(db.knex),
      companyKey: 'nobody',
      publicUrl: 'https://kkm.example.ru',
    });

    const report = await lonely.buildReport(namedPeriod('week', scenarioNow, zone), scenarioNow);

    expect(report.isEmpty).toBe(true);
    expect(report.counts.total).toBe(0);
    expect(report.figures[0]?.total.roubles).toBe('0.00');
  });
});
