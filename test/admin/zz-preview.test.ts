// Temporary: renders the pages with sample data for a look (deleted before hand-off).
import { chromium } from 'playwright-core';
import { createTestDatabase } from '../helpers/test-database';
import { basicAuth, insertDocument } from './admin-fixtures';
import { createAdminTestApp } from './admin-test-app';

async function main(): Promise<void> {
  const db = await createTestDatabase();
  const app = createAdminTestApp(db.knex, {
    sendDocument: () => Promise.resolve(undefined),
    refreshDocument: () => Promise.resolve(undefined),
  });
  for (let i = 0; i < 8; i++)
    await insertDocument(db.knex, {
      status: ['done', 'failed', 'queued', 'wait', 'stored'][i % 5]!,
      orderId: `0000004${i}`,
    });
  const id = await insertDocument(db.knex, {
    status: 'failed',
    orderId: '<script>alert(1)</script>',
    itemName: '<script>alert(1)</script>',
  });
  const [att] = await db
    .knex('attempts')
    .insert({
      company_key: 'default',
      document_id: id,
      operation: 'sell',
      external_id: `default-invoice-x-1`,
      api_version: 4,
      status: 'sent',
      request: '{}',
      tries: 1,
    })
    .returning('id');
  await db.knex('transactions').insert({
    company_key: 'default',
    document_id: id,
    attempt_id: att.id,
    uuid: '5d0c1e7a-9b3f-4c61-8e2d-7a4f0b9c2e11',
    external_id: 'default-invoice-x-1',
    operation: 'sell',
    status: 'fail',
    error: JSON.stringify({ code: 16, type: 'driver', text: 'Нет связи с ККТ' }),
    error_class: 'register',
  });
  await db.knex('events').insert({
    company_key: 'default',
    document_id: id,
    type: 'failed',
    message: 'ATOL failed <b>x</b>',
    data: JSON.stringify({ a: 1 }),
  });
  await db.knex('atol_requests').insert({
    company_key: 'default',
    document_id: id,
    method: 'POST',
    url: 'http://127.0.0.1:1234/possystem/v4/group/sell',
    action: 'register',
    http_status: 200,
    duration_ms: 12,
    failed: false,
    request: JSON.stringify({ token: 'x', receipt: {} }),
    response: JSON.stringify({ uuid: 'abc' }),
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as { port: number }).port;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const context = await browser.newContext({
    httpCredentials: { username: 'ops', password: 'correct horse battery staple' },
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  page.on('console', (m) => console.log('console:', m.text()));
  for (const [name, path] of [
    ['list', '/admin/documents'],
    ['doc', `/admin/documents/invoice/${id}`],
    ['log', '/admin/atol-requests'],
    ['report', '/admin/reports?period=today'],
  ]) {
    await page.goto(`http://127.0.0.1:${port}${path}`);
    await page.screenshot({ path: `/tmp/adminshot/${name}.png`, fullPage: true });
  }
  void basicAuth;
  await browser.close();
  server.close();
  await db.close();
}
it('preview', main, 60000);
