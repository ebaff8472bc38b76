import type { Knex } from 'knex';
import { createAtolClient } from '../../src/atol/atol-client';
import type { AtolRequestLogEntry } from '../../src/atol/atol-types';
import { ATOL_TEST_ACCOUNTS, ATOL_TEST_INN } from '../../src/config/atol-sandbox';
import { createEmulator, type Emulator } from '../../src/emulator';
import { createEventStore } from '../../src/fiscal/event-store';
import type { FiscalConfig } from '../../src/fiscal/fiscal-context';
import { createFiscalService, type FiscalService } from '../../src/fiscal/fiscal-service';
import { createQueueWorker, type QueueWorker } from '../../src/fiscal/queue-worker';
import { createSilentLogger } from '../../src/logger/logger';
import { buildReceipt } from '../../src/receipt/receipt-engine';
import { parseDocument } from '../../src/receipt/receipt-schemas';
import type { ReceiptSettings } from '../../src/receipt/receipt-settings';
import { externalIdFor } from '../../src/receipt/external-id';
import { createRequestFactory } from '../../src/receipt/request-factory';
import { startHoldingProxy, type HoldingProxy } from './holding-proxy';

const account = ATOL_TEST_ACCOUNTS[4];

/** Receipt settings of ATOL's test company, which the emulator's register accepts. */
export const receiptSettings: ReceiptSettings = {
  timeZone: 'Europe/Moscow',
  company: {
    inn: ATOL_TEST_INN,
    sno: 'osn',
    paymentAddress: account.paymentAddress,
    email: 'shop@example.org',
  },
  receipt: {
    defaultVat: 'vat22',
    defaultPaymentMethod: 'full_payment',
    defaultPaymentObject: 'commodity',
    defaultMeasurementUnit: 'шт',
    shippingPaymentObject: 'service',
    contactPreference: 'email',
  },
};

/** The real service, ATOL client and request factory in front of the in-process emulator. */
export interface EmulatorStack {
  emulator: Emulator;
  proxy: HoldingProxy;
  service: FiscalService;
  worker: QueueWorker;
  /** Every ATOL exchange the client made. */
  exchanges: AtolRequestLogEntry[];
  registerCalls(): number;
  /** Another service and worker over another knex (a second pool or process). */
  addWorker(knex: Knex, workerId: string): { service: FiscalService; worker: QueueWorker };
  close(): Promise<void>;
}

export interface StackOptions {
  timeoutMs?: number;
  /** How long the emulator waits before it fiscalises a receipt; default 10 ms. */
  processingDelayMs?: number;
}

export async function startEmulatorStack(
  knex: Knex,
  queue: Partial<FiscalConfig['queue']>,
  options: StackOptions = {},
): Promise<EmulatorStack> {
  const timeoutMs = options.timeoutMs ?? 1000;
  const emulator = createEmulator({
    processingDelayMs: options.processingDelayMs ?? 10,
    callbackTimeoutMs: 200,
  });
  const { url } = await emulator.start(0);
  const proxy = await startHoldingProxy(url);
  const exchanges: AtolRequestLogEntry[] = [];
  const logger = createSilentLogger();
  const config: FiscalConfig = {
    // Port 9 on loopback is closed: the emulator's callbacks fail fast; tests poll instead.
    publicUrl: 'http://127.0.0.1:9',
    callbackPath: '/kkm/callback/secret',
    timeZone: 'Europe/Moscow',
    sendMode: 'async',
    atol: { apiVersion: 4 },
    queue: {
      retryScheduleSeconds: [0.2, 0.5],
      maxTries: 20,
      workers: 4,
      pollIntervalMs: 20,
      lockTtlMs: timeoutMs + 1000,
      ...queue,
    },
  };
  const client = createAtolClient({
    baseUrl: proxy.url,
    apiVersion: 4,
    login: account.login,
    password: account.password,
    groupCode: account.groupCode,
    timeoutMs,
    logger,
    onRequest: (entry) => exchanges.push(entry),
  });
  const service = createFiscalService({
    knex,
    config,
    client,
    factory: createRequestFactory(),
    logger,
    eventStore: createEventStore(knex),
  });
  const worker = createQueueWorker({ fiscal: service, config, logger });
  const extra: QueueWorker[] = [];
  return {
    emulator,
    proxy,
    service,
    worker,
    exchanges,
    registerCalls: () => exchanges.filter((entry) => entry.action === 'register').length,
    addWorker(otherKnex, workerId) {
      const other = createFiscalService({
        knex: otherKnex,
        config,
        client,
        factory: createRequestFactory(),
        logger,
        eventStore: createEventStore(otherKnex),
        workerId,
      });
      const otherWorker = createQueueWorker({ fiscal: other, config, logger });
      extra.push(otherWorker);
      return { service: other, worker: otherWorker };
    },
    async close() {
      await worker.stop();
      for (const other of extra) await other.stop();
      await proxy.close();
      await emulator.close();
    },
  };
}

let shopSeq = 0;

/** Stores a real document (receipt built by the engine) and queues its first attempt. */
export async function queueRealDocument(
  knex: Knex,
  service: FiscalService,
  kind: 'invoice' | 'refund',
): Promise<number> {
  shopSeq += 1;
  const shopId = `E-${Date.now()}-${shopSeq}`;
  const body = {
    id: shopId,
    customer: { email: 'buyer@example.org' },
    items: [{ name: 'Чайник', price: 1990, quantity: 2, discount: 100, vat: 'vat22' }],
    shipping: { name: 'Доставка', price: 300 },
    total: 4180,
  };
  const { receipt } = buildReceipt(parseDocument(kind, body), kind, receiptSettings);
  return knex.transaction(async (trx) => {
    const [row] = await trx('documents')
      .insert({
        company_key: 'default',
        kind,
        shop_id: shopId,
        body: JSON.stringify(body),
        body_hash: shopId,
        receipt: JSON.stringify(receipt),
        total_kopecks: 418000,
        status: 'stored',
        document_date: new Date(),
      })
      .returning('*');
    await service.queueFirstAttempt(trx, {
      id: row.id,
      companyKey: 'default',
      kind,
      shopId,
      receipt: row.receipt,
      documentDate: row.document_date,
    });
    return row.id as number;
  });
}

/** Lets the emulator finish every waiting receipt, then asks for each result (as the poller). */
export async function settleResults(knex: Knex, stack: EmulatorStack): Promise<void> {
  await stack.emulator.processWaiting();
  const waiting = await knex('transactions').where('status', 'wait').select('uuid');
  for (const { uuid } of waiting) await stack.service.refreshTransaction(uuid);
}

export async function waitUntil(check: () => Promise<boolean>, timeoutMs = 60000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function statusCounts(knex: Knex): Promise<Record<string, number>> {
  const rows: Array<{ status: string; n: string | number }> = await knex('documents')
    .select('status')
    .count({ n: '*' })
    .groupBy('status');
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
}

/**
 * Stores `count` documents with their first attempts queued, in a few bulk inserts (what
 * `queueFirstAttempt` writes, without a round trip per document).
 */
export async function seedQueuedDocuments(
  knex: Knex,
  count: number,
  options: { callbackUrl: string; prefix?: string },
): Promise<void> {
  const factory = createRequestFactory();
  const prefix = options.prefix ?? `B${Date.now()}`;
  for (let start = 0; start < count; start += 250) {
    const batch = Array.from({ length: Math.min(250, count - start) }, (_, i) => {
      const shopId = `${prefix}-${start + i + 1}`;
      const body = {
        id: shopId,
        customer: { email: 'buyer@example.org' },
        items: [{ name: 'Книга', price: 500, quantity: 1, vat: 'vat10' }],
        total: 500,
      };
      const { receipt } = buildReceipt(parseDocument('invoice', body), 'invoice', receiptSettings);
      return { shopId, body, receipt };
    });
    const documents: Array<{ id: number; shop_id: string }> = await knex('documents')
      .insert(
        batch.map(({ shopId, body, receipt }) => ({
          company_key: 'default',
          kind: 'invoice',
          shop_id: shopId,
          body: JSON.stringify(body),
          body_hash: shopId,
          receipt: JSON.stringify(receipt),
          total_kopecks: 50000,
          status: 'queued',
          document_date: new Date(),
        })),
      )
      .returning(['id', 'shop_id']);
    const receipts = new Map(batch.map((entry) => [entry.shopId, entry.receipt]));
    await knex('attempts').insert(
      documents.map((document) => {
        const externalId = externalIdFor({
          companyKey: 'default',
          kind: 'invoice',
          shopId: document.shop_id,
          generation: 1,
        });
        const request = factory.build({
          apiVersion: 4,
          operation: 'sell',
          receipt: receipts.get(document.shop_id)!,
          externalId,
          callbackUrl: options.callbackUrl,
          timestamp: new Date(),
          timeZone: 'Europe/Moscow',
        });
        return {
          company_key: 'default',
          document_id: document.id,
          operation: 'sell',
          external_id: externalId,
          generation: 1,
          api_version: 4,
          status: 'new',
          request: JSON.stringify(request),
          next_try_at: knex.fn.now(),
        };
      }),
    );
  }
}
