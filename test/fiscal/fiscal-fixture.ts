import type { Knex } from 'knex';
import type { Database } from '../../src/db/database';
import { createEventStore } from '../../src/fiscal/event-store';
import type { FiscalConfig } from '../../src/fiscal/fiscal-context';
import { createFiscalService, type FiscalService } from '../../src/fiscal/fiscal-service';
import type { Attempt, FinalNotice, FiscalDocument } from '../../src/fiscal/fiscal-types';
import { createSilentLogger } from '../../src/logger/logger';
import { createTestDatabase, testDatabaseUrlFor } from '../helpers/test-database';
import { FakeAtolClient, FakeRequestFactory } from './fiscal-fakes';

export function fiscalConfig(overrides: Partial<FiscalConfig['queue']> = {}): FiscalConfig {
  return {
    publicUrl: 'http://127.0.0.1:3000',
    callbackPath: '/kkm/callback/test-secret',
    timeZone: 'Europe/Moscow',
    sendMode: 'async',
    callbackTrust: 'trust',
    atol: { apiVersion: 4 },
    queue: {
      retryScheduleSeconds: [60, 300, 900],
      maxTries: 4,
      workers: 4,
      pollIntervalMs: 20,
      lockTtlMs: 60000,
      ...overrides,
    },
  };
}

export interface FiscalFixture {
  db: Database;
  knex: Knex;
  client: FakeAtolClient;
  factory: FakeRequestFactory;
  finals: FinalNotice[];
  service: FiscalService;
  /** Another service on the same database, as a second worker would be. */
  otherService(workerId: string): FiscalService;
}

/** The URL of a PostgreSQL test database, for a second pool or a child process. */
export async function databaseUrlOf(db: Database): Promise<string> {
  const result = await db.knex.raw('SELECT current_database() AS name');
  const url = testDatabaseUrlFor(String(result.rows[0].name));
  if (!url) throw new Error('not a PostgreSQL test database');
  return url;
}

/** One database per test file: fresh PGlite in memory, or a clone on PostgreSQL. */
export function openFiscalDatabase(): Promise<Database> {
  return createTestDatabase();
}

/**
 * Empties the fiscal tables and builds a service with fresh fakes. Tests share the file's
 * database (a fresh one per test is slow on PGlite) and each starts from empty tables.
 */
export async function createFiscalFixture(
  db: Database,
  config: FiscalConfig = fiscalConfig(),
): Promise<FiscalFixture> {
  await db.knex.raw(
    'TRUNCATE documents, attempts, transactions, events, callbacks, atol_requests ' +
      'RESTART IDENTITY CASCADE',
  );
  const client = new FakeAtolClient();
  const factory = new FakeRequestFactory();
  const finals: FinalNotice[] = [];
  const make = (workerId: string) =>
    createFiscalService({
      knex: db.knex,
      config,
      client,
      factory,
      logger: createSilentLogger(),
      eventStore: createEventStore(db.knex),
      onFinal: async (_trx, notice) => {
        finals.push(notice);
      },
      workerId,
    });
  return {
    db,
    knex: db.knex,
    client,
    factory,
    finals,
    service: make('worker-a'),
    otherService: make,
  };
}

let shopSeq = 0;

/** Inserts a stored document the way the documents area does, with a small receipt model. */
export async function insertDocument(
  knex: Knex,
  kind: 'invoice' | 'refund' = 'invoice',
  shopId = `10000${(shopSeq += 1)}`,
): Promise<FiscalDocument> {
  const receipt = { items: [{ name: 'Чайник', priceKopecks: 199000, quantity: 1000 }] };
  const [row] = await knex('documents')
    .insert({
      company_key: 'default',
      kind,
      shop_id: shopId,
      body: JSON.stringify({ id: shopId }),
      body_hash: `hash-${shopId}`,
      receipt: JSON.stringify(receipt),
      total_kopecks: 199000,
      status: 'stored',
      document_date: new Date('2026-12-03T07:15:00Z'),
    })
    .returning('*');
  return {
    id: row.id,
    companyKey: row.company_key,
    kind: row.kind,
    shopId: row.shop_id,
    receipt: row.receipt,
    documentDate: row.document_date,
  };
}

/** A stored document with its first attempt queued, as an accepted POST leaves it. */
export async function queueDocument(
  fixture: FiscalFixture,
  kind: 'invoice' | 'refund' = 'invoice',
): Promise<{ document: FiscalDocument; attempt: Attempt }> {
  const document = await insertDocument(fixture.knex, kind);
  const attempt = await fixture.knex.transaction((trx) =>
    fixture.service.queueFirstAttempt(trx, document),
  );
  return { document, attempt };
}

export async function documentStatus(knex: Knex, id: number): Promise<string> {
  const row = await knex('documents').where({ id }).first();
  return row.status;
}

export async function attemptRows(knex: Knex, documentId: number) {
  return knex('attempts').where('document_id', documentId).orderBy('id');
}

export async function eventTypes(knex: Knex, documentId: number): Promise<string[]> {
  const rows = await knex('events').where('document_id', documentId).orderBy('id');
  return rows.map((row: { type: string }) => row.type);
}

/** Makes every waiting attempt due now, instead of waiting out the retry schedule. */
export async function makeAllDue(knex: Knex): Promise<void> {
  await knex('attempts').where('status', 'new').update({ next_try_at: knex.fn.now() });
}

/** Seconds between now (database clock) and a timestamp column value. */
export async function secondsUntil(knex: Knex, at: Date): Promise<number> {
  const result = await knex.raw('SELECT extract(epoch FROM (?::timestamptz - now())) AS s', [at]);
  return Number(result.rows[0].s);
}
