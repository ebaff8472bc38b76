import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { chromium, Browser, BrowserContext, Page } from 'playwright-core';
import { loadConfig } from '../../src/config';
import type { Database } from '../../src/db/database';
import { ATOL_TEST_ACCOUNT, createEmulator, Emulator } from '../../src/emulator';
import { createSilentLogger } from '../../src/logger';
import { projectRoot } from '../../src/paths';
import { RunningServer, startServer } from '../../src/server';
import { createTestDatabase, testDatabaseUrl } from '../helpers/test-database';
import { ADMIN } from './admin-fixtures';

// The system's chromium, never a downloaded one (CI installs Debian's `chromium` package).
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const ARTIFACTS = path.join(projectRoot, 'artifacts', 'admin');
const API_KEY = 'admin-browser-test-key-0123456789';
const HOSTILE = '<script>alert(1)</script>';

/** A free loopback port: the service needs its own address (PUBLIC_URL) before it starts. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The URL of a test database, for a service that opens its own pool (PostgreSQL only). */
function urlOf(db: Database): string {
  // knex keeps the parsed connection settings of the URL it was given.
  const settings = (db.knex.client as { config: { connection: Record<string, unknown> } }).config
    .connection;
  const url = new URL('postgres://localhost');
  url.username = String(settings.user ?? '');
  url.password = String(settings.password ?? '');
  url.hostname = String(settings.host ?? '127.0.0.1');
  url.port = String(settings.port ?? 5432);
  url.pathname = `/${String(settings.database)}`;
  return url.toString();
}

async function postInvoice(baseUrl: string, id: string): Promise<void> {
  const response = await fetch(`${baseUrl}/api/v1/invoices`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      id,
      orderId: `order-${id}`,
      customer: { email: 'buyer@example.org' },
      items: [{ name: HOSTILE, price: 1990, quantity: 2, vat: 'vat22' }],
      total: 3980,
    }),
  });
  if (response.status !== 201) throw new Error(`POST invoice: ${response.status}`);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Reloads the page until the document's status badge shows `status`. */
async function waitForStatus(page: Page, status: string, timeoutMs = 30000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const shown = await page.locator('h1 .badge').textContent();
    if (shown === status) return;
    if (Date.now() > deadline) throw new Error(`status stayed ${shown}, expected ${status}`);
    await page.waitForTimeout(300);
    await page.reload();
  }
}

// Starting the service and chromium takes a while on a busy two-core machine.
jest.setTimeout(180_000);

describe('admin pages in a browser, on the real service', () => {
  let db: Database | undefined;
  let emulator: Emulator;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const alerts: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    // On PostgreSQL the service gets a fresh database of its own; on PGlite it opens one in
    // memory itself (a second PGlite here would only slow the start).
    db = testDatabaseUrl ? await createTestDatabase() : undefined;
    emulator = createEmulator({ processingDelayMs: 50 });
    await emulator.start(0);
    const port = await freePort();
    const databaseUrl = db ? urlOf(db) : undefined;
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: 'memory://' }),
      LOG_LEVEL: 'error',
      SHOP_API_KEYS: API_KEY,
      ADMIN_USER: ADMIN.user,
      ADMIN_PASSWORD: ADMIN.password,
      // ATOL's public test account and company (reference §1.2), on our own emulator so that
      // the test can inject faults.
      ATOL_BASE_URL: emulator.url,
      ATOL_LOGIN: ATOL_TEST_ACCOUNT.login,
      ATOL_PASSWORD: ATOL_TEST_ACCOUNT.password,
      ATOL_GROUP_CODE: ATOL_TEST_ACCOUNT.groupCode,
      COMPANY_INN: '5544332219',
      COMPANY_PAYMENT_ADDRESS: 'https://v4.online.atol.ru',
      COMPANY_EMAIL: 'shop@example.org',
      QUEUE_POLL_INTERVAL_MS: '50',
      RETRY_SCHEDULE: '1',
    });
    server = await startServer(config, createSilentLogger());
    const health = (await (await fetch(`${server.url}/health`)).json()) as { database?: string };
    expect(health.database).toBe(db ? 'postgres' : 'pglite');

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    context = await browser.newContext({
      httpCredentials: { username: ADMIN.user, password: ADMIN.password },
      viewport: { width: 1280, height: 900 },
    });
    page = await context.newPage();
    // Stored data must never run as script: an alert would show that escaping failed.
    page.on('dialog', (dialog) => {
      alerts.push(dialog.message());
      void dialog.dismiss();
    });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.shutdown('test done');
    await emulator?.close();
    await db?.close();
  });

  it('when ATOL failed a document once, then Send makes it done', async () => {
    // The register fails the next receipt with driver error 16, once (reference §7.2).
    emulator.addFaults([{ kind: 'fail', type: 'driver', code: 16, times: 1 }]);
    const shopId = `INV-${Date.now()}`;
    await postInvoice(server.url, shopId);

    await page.goto(`${server.url}/admin/documents?status=failed`);
    const link = page.getByRole('link', { name: shopId });
    for (let tries = 0; !(await link.isVisible()) && tries < 100; tries += 1) {
      await page.waitForTimeout(300);
      await page.reload();
    }
    await screenshot(page, 'documents-failed-filter');

    await link.click();
    await waitForStatus(page, 'failed');
    expect(await page.locator('main').textContent()).toContain(HOSTILE);
    await screenshot(page, 'document-failed');

    await page.getByRole('button', { name: 'Send to ATOL' }).click();
    await page.waitForURL(/done=send/);
    await waitForStatus(page, 'done');
    expect(await page.locator('.notice').textContent()).toContain('Sent to ATOL');
    expect(await page.locator('main').textContent()).toContain('Fiscal data');
    await screenshot(page, 'document-done');

    await page.getByRole('button', { name: 'Check status' }).click();
    await page.waitForURL(/done=refresh/);
    await screenshot(page, 'document-refreshed');
    expect(alerts).toEqual([]);
  });

  it('when a sent document is sent again, then the page shows the refusal', async () => {
    await page.getByRole('button', { name: 'Send to ATOL' }).click();
    await page.locator('.notice.refused').waitFor();
    expect(await page.locator('.notice.refused').textContent()).toMatch(/done/);
    await screenshot(page, 'document-send-refused');
  });

  it('when the lists and the report are opened, then each page renders', async () => {
    await page.goto(`${server.url}/admin/documents`);
    await screenshot(page, 'documents');

    await page.goto(`${server.url}/admin/atol-requests`);
    expect(await page.locator('tbody tr').count()).toBeGreaterThan(2);
    await screenshot(page, 'atol-requests');
    await page.goto(`${server.url}/admin/atol-requests?failed=1`);
    await screenshot(page, 'atol-requests-failed');

    for (const period of ['today', 'yesterday', 'week']) {
      await page.goto(`${server.url}/admin/reports?period=${period}`);
      expect(await page.locator('h1').textContent()).toContain('Report');
      await screenshot(page, `report-${period}`);
    }
    expect(alerts).toEqual([]);
  });
});
