import fs from 'node:fs';
import path from 'node:path';
import { chromium, Browser } from 'playwright-core';
import type { Database } from '../../src/db/database';
import { projectRoot } from '../../src/paths';
import { renderReportEmail } from '../../src/reports/report-email';
import { namedPeriod } from '../../src/reports/report-period';
import { createReportService } from '../../src/reports/report-service';
import { createReportStore } from '../../src/reports/report-store';
import { createTestDatabase } from '../helpers/test-database';
import { scenarioNow, seedBoundaryScenario } from './report-scenario';

// The system's chromium, never a downloaded one (CI installs the `chromium` package).
const executablePath = '/usr/bin/chromium';
const artifacts = path.join(projectRoot, 'artifacts');

describe('report e-mail as a picture', () => {
  let db: Database;
  let browser: Browser;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedBoundaryScenario(db.knex);
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await db.close();
  });

  it('when the HTML is shown in chromium, then the picture holds the figures and failures', async () => {
    const service = createReportService({
      store: createReportStore(db.knex),
      companyKey: 'default',
      publicUrl: 'https://kkm.example.ru',
    });
    const report = await service.buildReport(
      namedPeriod('yesterday', scenarioNow, 'Europe/Moscow'),
      scenarioNow,
    );
    const email = await renderReportEmail(report);
    const page = await browser.newPage({ viewport: { width: 760, height: 600 } });
    // The e-mail loads nothing from the network; refusing requests keeps the test offline.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(email.html, { waitUntil: 'load' });

    const file = path.join(artifacts, 'report-email.png');
    fs.mkdirSync(artifacts, { recursive: true });
    fs.rmSync(file, { force: true });
    await page.screenshot({ path: file, fullPage: true });
    const text = await page.innerText('body');
    await page.close();

    expect(fs.statSync(file).size).toBeGreaterThan(20_000);
    for (const figure of ['1 234.57', '1 844.56', '370.00', '934.57', 'Нет бумаги', 'A-7']) {
      expect(text).toContain(figure);
    }
    expect(text).toMatch(/Failures \(2\)/);
  });
});
