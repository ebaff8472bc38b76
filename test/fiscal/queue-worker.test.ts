import type { Database } from '../../src/db/database';
import { createQueueWorker } from '../../src/fiscal/queue-worker';
import { createSilentLogger } from '../../src/logger/logger';
import {
  createFiscalFixture,
  fiscalConfig,
  openFiscalDatabase,
  queueDocument,
  type FiscalFixture,
} from './fiscal-fixture';
import { registered } from './fiscal-fakes';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
}

describe('queue worker', () => {
  const config = fiscalConfig({ workers: 3, pollIntervalMs: 20 });
  let db: Database;
  let fixture: FiscalFixture;

  beforeAll(async () => {
    db = await openFiscalDatabase();
  });
  afterAll(() => db.close());

  beforeEach(async () => {
    fixture = await createFiscalFixture(db, config);
  });

  function worker() {
    return createQueueWorker({ fiscal: fixture.service, config, logger: createSilentLogger() });
  }

  async function sentCount(): Promise<number> {
    const row = await fixture.knex('attempts').where('status', 'sent').count({ n: '*' }).first();
    return Number(row?.n);
  }

  it('when runOnce is called, then it sends at most `workers` due attempts and returns how many', async () => {
    for (let i = 0; i < 5; i += 1) await queueDocument(fixture);

    expect(await worker().runOnce()).toBe(3);
    expect(await worker().runOnce()).toBe(2);
    expect(await worker().runOnce()).toBe(0);
    expect(await sentCount()).toBe(5);
  });

  it('when started, then it sends queued documents with at most `workers` sends at once', async () => {
    for (let i = 0; i < 12; i += 1) await queueDocument(fixture);
    let current = 0;
    let peak = 0;
    fixture.client.duringRegister = async () => {
      current += 1;
      peak = Math.max(peak, current);
      await sleep(30);
      current -= 1;
    };

    const queue = worker();
    queue.start();
    await waitFor(async () => (await sentCount()) === 12);
    await queue.stop();

    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(3);
    expect(fixture.client.registerCalls).toHaveLength(12);
  });

  it('when stopped mid-send, then the send in flight finishes and is recorded', async () => {
    await queueDocument(fixture);
    let release: () => void = () => undefined;
    fixture.client.answerRegister(async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return registered('uuid-late');
    });

    const queue = worker();
    queue.start();
    await waitFor(async () => fixture.client.registerCalls.length === 1);
    const stopping = queue.stop();
    setTimeout(() => release(), 50);
    await stopping;

    expect(await sentCount()).toBe(1);
  });

  it('when claiming stops, then no more attempts are claimed and the send in flight still finishes', async () => {
    for (let i = 0; i < 5; i += 1) await queueDocument(fixture);
    let release: () => void = () => undefined;
    fixture.client.answerRegister(async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return registered('uuid-slow');
    });
    const single = createQueueWorker({
      fiscal: fixture.service,
      config: fiscalConfig({ workers: 1, pollIntervalMs: 20 }),
      logger: createSilentLogger(),
    });

    single.start();
    await waitFor(async () => fixture.client.registerCalls.length === 1);
    single.stopClaiming();
    release();
    await sleep(200);
    const callsAfterTheStop = fixture.client.registerCalls.length;
    await single.stop();

    expect(callsAfterTheStop).toBe(1);
    expect(await sentCount()).toBe(1);
    const untouched = await fixture.knex('attempts').where({ status: 'new', tries: 0 });
    expect(untouched).toHaveLength(4);
  });

  it('when idle, then a document queued later is picked up within the poll interval', async () => {
    const queue = worker();
    queue.start();
    await sleep(60);
    await queueDocument(fixture);

    await waitFor(async () => (await sentCount()) === 1, 2000);
    await queue.stop();
  });
});
