import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDatabase, Database } from '../../src/db/database';
import { runKkm } from '../helpers/kkm-process';
import { createTestDatabase, testDatabaseUrlFor } from '../helpers/test-database';
import { seedBoundaryScenario } from './report-scenario';
import { SmtpReceiver, startSmtpReceiver } from './smtp-receiver';

// The CLI runs the built code (`npm run build` first), as `kkm` does for ops.
describe('kkm report', () => {
  let env: NodeJS.ProcessEnv;
  let dataDir: string | undefined;
  let db: Database | undefined;
  let receiver: SmtpReceiver;

  beforeAll(async () => {
    receiver = await startSmtpReceiver();
    db = await createTestDatabase();
    const name = (await db.knex.raw('SELECT current_database() AS name')).rows[0].name;
    const url = testDatabaseUrlFor(name);
    if (!url) {
      // PGlite: the child process needs a folder of its own, not the in-memory test database.
      await db.close();
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kkm-report-'));
      db = await createDatabase({ dataDir });
      await db.knex.migrate.latest();
    }
    await seedBoundaryScenario(db.knex);
    if (dataDir) {
      await db.close();
      db = undefined;
    }
    env = {
      ...(url ? { DATABASE_URL: url } : { DATA_DIR: dataDir }),
      TIME_ZONE: 'Europe/Moscow',
      PUBLIC_URL: 'https://kkm.example.ru',
      LOG_LEVEL: 'error',
    };
  });

  afterAll(async () => {
    await receiver.close();
    await db?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('when asked for JSON, then it prints the report of the days given', async () => {
    const result = await runKkm(['report', '--from', '2026-12-03', '--json'], env);

    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.periodLabel).toBe('2026-12-03');
    expect(report.period.start).toBe('2026-12-02T21:00:00.000Z');
    expect(report.counts).toEqual({ done: 3, wait: 1, failed: 2, notSent: 2, total: 8 });
    expect(report.figures[0].total).toEqual({ count: 5, kopecks: 184456, roubles: '1 844.56' });
    expect(report.failures).toHaveLength(2);
  });

  it('when run on a terminal, then it prints a table of figures and the failures', async () => {
    const result = await runKkm(['report', '--from', '2026-12-03', '--to', '2026-12-03'], env);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Report 2026-12-03 \(Europe\/Moscow\), company default$/m);
    expect(result.stdout).toMatch(/^ +Done +Wait +Failed +Not sent +Total$/m);
    expect(result.stdout).toMatch(/^Invoices +2 +1 +1 +1 +5$/m);
    expect(result.stdout).toMatch(/^ {2}sum, RUB +300\.00 +0\.00 +50\.00 +20\.00 +370\.00$/m);
    expect(result.stdout).toContain('Failures (2)');
    expect(result.stdout).toContain('https://kkm.example.ru/admin/documents/refund/');
  });

  it('when --email is given, then the report is mailed to the recipients', async () => {
    const mailEnv = {
      ...env,
      SMTP_URL: receiver.url,
      REPORT_RECIPIENTS: 'staff@shop.example.ru',
      REPORT_FROM: 'kkm@shop.example.ru',
    };

    const result = await runKkm(['report', '--from', '2026-12-03', '--email'], mailEnv);

    expect(result.code).toBe(0);
    expect(result.stderr).toContain('to staff@shop.example.ru');
    // How many are stuck depends on the real clock the CLI reads; the period's figures do not.
    expect(receiver.messages).toHaveLength(1);
    expect(receiver.messages[0]?.subject).toMatch(
      /^\[kkm\] Report 2026-12-03: 8 documents, 3 done, 2 failed, 1 waiting, 2 not sent, \d stuck$/,
    );
  });

  it('when --email is given without SMTP settings, then it fails with exit code 1', async () => {
    const result = await runKkm(['report', 'today', '--email'], env);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--email needs SMTP_URL and REPORT_RECIPIENTS');
  });

  it('when the period is wrong, then it names the problem and exits 1', async () => {
    const result = await runKkm(['report', '--from', '2026-02-30', '--to', 'soon'], env);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'Invalid report period: from expected a date YYYY-MM-DD; to expected a date YYYY-MM-DD',
    );
    expect((await runKkm(['report', 'month'], env)).stderr).toContain('Unknown period "month"');
  });
});
