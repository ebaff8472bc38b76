import { PassThrough } from 'node:stream';
import request from 'supertest';
import { CUT_OFF_REASON } from '../../src/atol/atol-transport';
import { loadConfig } from '../../src/config';
import { ATOL_TEST_ACCOUNTS } from '../../src/config/atol-sandbox';
import type { Database } from '../../src/db/database';
import { createEmulator, type Emulator } from '../../src/emulator';
import { createLogger, type Logger } from '../../src/logger';
import { startServer, type RunningServer } from '../../src/server';
import { CUT_OFF_GRACE_MS } from '../../src/time/settled-within';
import { startHoldingProxy, type HoldingProxy } from '../fiscal/holding-proxy';
import { createTestDatabase } from '../helpers/test-database';
import {
  API_KEY,
  CALLBACK_SECRET,
  doneCallbackBody,
  freePort,
  invoiceBody,
  statusEnv,
} from '../status/status-harness';

// SHUTDOWN_TIMEOUT_MS bounds the whole shutdown even while ATOL is slow to answer: the ATOL
// calls still in flight at the limit are cut off, and what they leave behind is picked up later
// without a second receipt and without errors after the database closes.

const LIMIT_MS = 400;
const groupCode = ATOL_TEST_ACCOUNTS[4].groupCode;
const auth = { Authorization: `Bearer ${API_KEY}` };

interface LogLine {
  level: string;
  message: string;
  [field: string]: unknown;
}

/** A JSON logger whose lines the test reads back. */
function capturingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => {
    for (const text of chunk.toString('utf8').split('\n')) {
      if (text.trim()) lines.push(JSON.parse(text) as LogLine);
    }
  });
  return { logger: createLogger({ level: 'info', format: 'json', stream }), lines };
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = Date.now();
  await work();
  return Date.now() - started;
}

describe('shutdown while ATOL is slow to answer', () => {
  let db: Database;
  let emulator: Emulator;
  let proxy: HoldingProxy;
  let port: number;
  let running: RunningServer | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    emulator = createEmulator({ processingDelayMs: 50 });
    await emulator.start(0);
    proxy = await startHoldingProxy(emulator.url);
    port = await freePort();
  });
  afterEach(async () => {
    await running?.shutdown('test over');
    running = undefined;
    emulator.clearFaults();
    proxy.dropKept();
    proxy.setMode('pass');
  });
  afterAll(async () => {
    await proxy?.close();
    await emulator?.close();
    await db?.close();
  });

  async function start(env: NodeJS.ProcessEnv, logger: Logger): Promise<RunningServer> {
    const config = loadConfig({
      ...statusEnv(port, proxy.url),
      SHUTDOWN_TIMEOUT_MS: String(LIMIT_MS),
      ATOL_TIMEOUT_MS: '30000',
      QUEUE_LOCK_TTL_MS: '31000',
      ...env,
    });
    running = await startServer(config, logger, { db });
    return running;
  }

  async function postInvoice(server: RunningServer, shopId: string): Promise<number> {
    const response = await request(server.url)
      .post('/api/v1/invoices')
      .set(auth)
      .send(invoiceBody(shopId));
    expect(response.status).toBe(201);
    const row = await db.knex('documents').where({ shop_id: shopId, kind: 'invoice' }).first();
    return row.id as number;
  }

  it('when a send waits for its register answer, then shutdown ends at the limit, the attempt stays sending, and the restart adopts ATOL’s receipt without a second one', async () => {
    const first = capturingLogger();
    const server = await start({ SCHEDULE_POLLER: 'off' }, first.logger);
    proxy.setMode('holdAnswers');
    const documentId = await postInvoice(server, 'cut-send-1');
    await waitFor('ATOL to register the receipt', () => proxy.kept.length === 1);
    const [externalId] = proxy.kept;

    const elapsed = await timed(() => server.shutdown('test'));
    running = undefined;

    expect(elapsed).toBeLessThan(LIMIT_MS + CUT_OFF_GRACE_MS);
    expect(first.lines.filter((line) => line.level === 'error')).toEqual([]);
    expect(first.lines.map((line) => line.message)).toContain(
      'Send cut off by the shutdown; it is sent again when its lock runs out',
    );
    const attempt = await db.knex('attempts').where({ document_id: documentId }).first();
    expect(attempt.status).toBe('sending');
    const logged = await db.knex('atol_requests').where({ document_id: documentId });
    expect(logged.map((row: { error: string | null }) => row.error)).toEqual([CUT_OFF_REASON]);

    // The lock runs out (here: at once), and the next start sends the same body again.
    proxy.dropKept();
    proxy.setMode('pass');
    await db
      .knex('attempts')
      .where({ id: attempt.id })
      .update({ locked_until: new Date(0) });
    await start({ SCHEDULE_POLLER: '* * * * * *' }, capturingLogger().logger);
    await waitFor('the document to be done', async () => {
      const row = await db.knex('documents').where({ id: documentId }).first();
      return row.status === 'done';
    });

    expect(proxy.seen.filter((id) => id === externalId)).toHaveLength(2);
    expect(emulator.snapshot(externalId).receipts[externalId!]).toMatchObject({ receipts: 1 });
    expect(await db.knex('transactions').where({ document_id: documentId })).toHaveLength(1);
  });

  it('when a SEND_MODE=sync request waits for its register answer, then shutdown ends at the limit and the attempt stays sending', async () => {
    const first = capturingLogger();
    const server = await start({ SCHEDULE_POLLER: 'off', SEND_MODE: 'sync' }, first.logger);
    proxy.setMode('holdAnswers');
    const posting = request(server.url)
      .post('/api/v1/invoices')
      .set(auth)
      .send(invoiceBody('cut-sync-1'))
      .then(
        (response) => response.status,
        () => 'no answer',
      );
    await waitFor('ATOL to register the receipt', () => proxy.kept.length === 1);

    const elapsed = await timed(() => server.shutdown('test'));
    running = undefined;

    expect(elapsed).toBeLessThan(LIMIT_MS + CUT_OFF_GRACE_MS);
    // The document was stored: the client hears so before its connection closes.
    expect(await posting).toBe(201);
    expect(first.lines.filter((line) => line.level === 'error')).toEqual([]);
    const document = await db.knex('documents').where({ shop_id: 'cut-sync-1' }).first();
    const attempt = await db.knex('attempts').where({ document_id: document.id }).first();
    expect(attempt.status).toBe('sending');
    // The handler finished before the database closed: its cut-off call is in the request log.
    const logged = await db.knex('atol_requests').where({ document_id: document.id });
    expect(logged.map((row: { error: string | null }) => row.error)).toEqual([CUT_OFF_REASON]);
  });

  it('when callbacks wait for slow report calls, then shutdown ends at the limit and their transactions stay waiting for the poller', async () => {
    const first = capturingLogger();
    // Verify mode checks each callback with a report call; ATOL takes 20 s to answer one.
    const server = await start({ SCHEDULE_POLLER: 'off', CALLBACK_TRUST: 'verify' }, first.logger);
    emulator.addFaults([{ kind: 'lostCallback', times: 3 }]);
    const ids: number[] = [];
    for (const shopId of ['cut-cb-1', 'cut-cb-2', 'cut-cb-3']) {
      ids.push(await postInvoice(server, shopId));
    }
    await waitFor('three waiting transactions', async () => {
      const rows = await db.knex('transactions').whereIn('document_id', ids);
      return rows.length === 3;
    });
    await emulator.processWaiting();
    emulator.addFaults([{ kind: 'latency', ms: 20_000, on: ['report'] }]);
    const transactions = await db.knex('transactions').whereIn('document_id', ids);
    for (const transaction of transactions) {
      const response = await request(server.url)
        .post(`/kkm/callback/${CALLBACK_SECRET}`)
        .send(doneCallbackBody(transaction.uuid, transaction.external_id, groupCode));
      expect(response.status).toBe(200);
    }

    const elapsed = await timed(() => server.shutdown('test'));
    running = undefined;

    expect(elapsed).toBeLessThan(LIMIT_MS + CUT_OFF_GRACE_MS);
    expect(first.lines.filter((line) => line.level === 'error')).toEqual([]);
    const after = await db.knex('transactions').whereIn('document_id', ids);
    expect(after.map((row: { status: string }) => row.status)).toEqual(['wait', 'wait', 'wait']);
    const stored = await db.knex('callbacks').whereIn(
      'uuid',
      transactions.map((row: { uuid: string }) => row.uuid),
    );
    expect(stored).toHaveLength(3);

    // The next start's poll brings the results ATOL has had all along.
    emulator.clearFaults();
    await start({ SCHEDULE_POLLER: '* * * * * *' }, capturingLogger().logger);
    await waitFor('the polls to make all three done', async () => {
      const rows = await db.knex('documents').whereIn('id', ids);
      return rows.every((row: { status: string }) => row.status === 'done');
    });
  });

  it('when a keep-alive client is answered during the drain, then the answer tells it to close the connection', async () => {
    const server = await start({ SCHEDULE_POLLER: 'off' }, capturingLogger().logger);
    // Every connection of the pool is taken, so the request is in hand when the drain starts.
    const pool = (db.knex.client as { pool: { max: number; numPendingAcquires(): number } }).pool;
    const held = [];
    for (let index = 0; index < pool.max; index += 1) held.push(await db.knex.transaction());
    const answered = request(server.url).get('/ready').set('Connection', 'keep-alive').then();
    await waitFor('/ready to wait for a connection', () => pool.numPendingAcquires() > 0);

    const stopping = server.shutdown('test');
    await Promise.all(held.map((trx) => trx.rollback()));
    const response = await answered;
    await stopping;
    running = undefined;

    expect(response.headers.connection).toBe('close');
  });
});
