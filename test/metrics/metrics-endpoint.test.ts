import request from 'supertest';
import { loadConfig, type Config } from '../../src/config';
import { ATOL_TEST_ACCOUNTS, ATOL_TEST_INN } from '../../src/config/atol-sandbox';
import type { Database } from '../../src/db/database';
import { createEmulator, type Emulator } from '../../src/emulator';
import { createSilentLogger } from '../../src/logger';
import { buildServer, createContext, type AppContext, type ServerParts } from '../../src/main';
import { createScheduler } from '../../src/scheduler/scheduler';
import { createTestDatabase } from '../helpers/test-database';

const API_KEY = 'metrics-test-shop-key';
const TOKEN = 'metrics-test-scrape-token';
const account = ATOL_TEST_ACCOUNTS[4];

function invoice(id: string) {
  return {
    id,
    createdAt: '2026-12-03T10:15:00+03:00',
    customer: { email: 'buyer@example.org' },
    items: [{ name: 'Чайник', price: 1990, quantity: 1 }],
    total: 1990,
  };
}

/** The value of one sample line, e.g. `kkm_queue_depth{state="due"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** The service as `kkm serve` composes it, over a test database and an emulator. */
async function compose(db: Database, emulator: Emulator, env: NodeJS.ProcessEnv) {
  const config: Config = loadConfig({
    NODE_ENV: 'test',
    SHOP_API_KEYS: API_KEY,
    ATOL_LOGIN: account.login,
    ATOL_PASSWORD: account.password,
    ATOL_GROUP_CODE: account.groupCode,
    ATOL_BASE_URL: emulator.url,
    COMPANY_INN: ATOL_TEST_INN,
    COMPANY_PAYMENT_ADDRESS: account.paymentAddress,
    COMPANY_EMAIL: 'shop@example.org',
    // Nothing listens on port 9: the emulator's callbacks fail fast; the test asks instead.
    PUBLIC_URL: 'http://127.0.0.1:9',
    ...env,
  });
  const context = await createContext(config, createSilentLogger(), { db });
  return { context, parts: buildServer(context, () => false) };
}

describe('/metrics on the service port, behind METRICS_TOKEN', () => {
  let db: Database;
  let emulator: Emulator;
  let context: AppContext;
  let parts: ServerParts;

  beforeAll(async () => {
    db = await createTestDatabase();
    emulator = createEmulator({ processingDelayMs: 0, callbackTimeoutMs: 200 });
    await emulator.start(0);
    ({ context, parts } = await compose(db, emulator, { METRICS_TOKEN: TOKEN }));
  });
  afterAll(async () => {
    await context.close();
    await emulator.close();
    await db.close();
  });

  const scrape = async () =>
    (await request(parts.app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200))
      .text;

  it('when it is asked without the token or with a wrong one, then it is refused', async () => {
    const bare = await request(parts.app).get('/metrics');
    const wrong = await request(parts.app).get('/metrics').set('Authorization', 'Bearer nope');

    expect(bare.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(bare.text).not.toContain('kkm_documents_accepted_total');
  });

  it('when an invoice is accepted, then the counter moves and the queue shows it due', async () => {
    const before = sample(await scrape(), 'kkm_documents_accepted_total{kind="invoice"}');

    await request(parts.app)
      .post('/api/v1/invoices')
      .set('Authorization', `Bearer ${API_KEY}`)
      .send(invoice('M-1'))
      .expect(201);
    // A repeat of the same document is not a new one.
    await request(parts.app)
      .post('/api/v1/invoices')
      .set('Authorization', `Bearer ${API_KEY}`)
      .send(invoice('M-1'))
      .expect(200);

    const after = await scrape();
    expect(before).toBe(0);
    expect(sample(after, 'kkm_documents_accepted_total{kind="invoice"}')).toBe(1);
    expect(sample(after, 'kkm_queue_depth{state="due"}')).toBe(1);
    expect(sample(after, 'kkm_queue_oldest_due_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('when the receipt is sent and fiscalised, then ATOL latency and the final status show', async () => {
    await context.services.queueWorker.runOnce();
    const sent = await scrape();
    expect(sample(sent, 'kkm_transactions_waiting')).toBe(1);
    expect(sample(sent, 'kkm_queue_depth{state="due"}')).toBe(0);

    await emulator.processWaiting();
    const [transaction] = await db.knex('transactions').select('uuid');
    await context.services.fiscal.refreshTransaction(transaction.uuid, 'poll');

    const done = await scrape();
    const atol = 'kkm_atol_request_duration_seconds_count';
    expect(sample(done, `${atol}{operation="sell",outcome="registered"}`)).toBe(1);
    expect(sample(done, `${atol}{operation="report",outcome="done"}`)).toBe(1);
    expect(sample(done, 'kkm_receipts_final_total{status="done"}')).toBe(1);
    expect(sample(done, 'kkm_transactions_waiting')).toBe(0);
  });

  it('when the poller job runs through the scheduler, then its run is counted', async () => {
    const scheduler = createScheduler({
      logger: createSilentLogger(),
      timeZone: 'Europe/Moscow',
      onRun: context.services.metrics.observeJobRun,
    });
    scheduler.start(parts.jobs.map((job) => ({ ...job, cron: 'off' })));
    await scheduler.runNow('status-poller');
    await scheduler.stop(1000);

    const text = await scrape();
    expect(
      sample(text, 'kkm_job_run_duration_seconds_count{job="status-poller",outcome="ok"}'),
    ).toBe(1);
  });
});

describe('/metrics on a separate port (METRICS_PORT)', () => {
  let db: Database;
  let emulator: Emulator;
  let context: AppContext;
  let parts: ServerParts;

  beforeAll(async () => {
    db = await createTestDatabase();
    emulator = createEmulator({ processingDelayMs: 0 });
    await emulator.start(0);
    // Port 0 (a free one) is what a test can use; METRICS_PORT itself must be 1–65535.
    ({ context, parts } = await compose(db, emulator, { METRICS_PORT: '9464' }));
    context.config.metrics.port = 0;
    parts = buildServer(context, () => false);
  });
  afterAll(async () => {
    await context.close();
    await emulator.close();
    await db.close();
  });

  it('when METRICS_PORT is set, then /metrics is served there without a token and not on the service port', async () => {
    const [server] = parts.workers.filter((worker) => worker.name === 'metrics server');
    expect(server).toBeDefined();
    await server!.start();
    try {
      const url = (server as unknown as { url: string }).url;
      const response = await request(url).get('/metrics').expect(200);
      expect(response.text).toContain('kkm_documents_accepted_total{kind="invoice"} 0');
      await request(url).get('/health').expect(404);
      await request(parts.app).get('/metrics').expect(404);
    } finally {
      await server!.stop(1000);
    }
  });
});
