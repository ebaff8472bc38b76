import type { Knex } from 'knex';
import { insertAttempt, insertDocument, insertRegistered, insertTransaction } from './report-rows';

/** 09:00 on 4 December 2026 in Moscow (UTC+3): "yesterday" is 3 December, Moscow time. */
export const scenarioNow = new Date('2026-12-04T06:00:00Z');

export const papers = { code: 16, type: 'driver', text: 'Нет бумаги <в ККТ> & "ошибка"' };
export const validation = { code: 32, type: 'system', text: 'Ошибка валидации входного чека' };

export interface ScenarioIds {
  failedInvoice: number;
  failedRefund: number;
  waitingInvoice: number;
  oldWaiting: number;
}

/**
 * Documents on both sides of the Moscow day boundaries of 3 December: 23:50 / 00:30 and
 * 20:59 / 21:01 UTC (23:59 / 00:01 Moscow). Only rows of company `default` on 3 December Moscow
 * count; the test names every figure they must give.
 */
export async function seedBoundaryScenario(knex: Knex): Promise<ScenarioIds> {
  // 2 December, Moscow: outside.
  await insertDocument(knex, {
    status: 'done',
    createdAt: '2026-12-02T20:59:00Z',
    totalKopecks: 77777,
  });
  await insertDocument(knex, {
    status: 'failed',
    createdAt: '2026-12-02T20:50:00Z',
    totalKopecks: 1,
  });

  // 3 December, Moscow: inside.
  await insertDocument(knex, {
    status: 'done',
    createdAt: '2026-12-02T21:30:00Z',
    totalKopecks: 123456,
  });
  await insertDocument(knex, {
    status: 'done',
    createdAt: '2026-12-02T21:01:00Z',
    totalKopecks: 1,
  });
  const failedInvoice = await failedAtAtol(knex);
  const waitingInvoice = await insertRegistered(
    knex,
    { status: 'wait', createdAt: '2026-12-03T20:50:00Z', totalKopecks: 9999, orderId: 'A-4' },
    { status: 'wait', createdAt: '2026-12-03T20:51:00Z', uuid: 'uuid-waiting' },
  );
  await insertDocument(knex, {
    status: 'stored',
    createdAt: '2026-12-03T20:59:00Z',
    totalKopecks: 1000,
  });
  await insertRegistered(
    knex,
    { kind: 'refund', status: 'done', createdAt: '2026-12-03T10:00:00Z', totalKopecks: 30000 },
    { status: 'done', createdAt: '2026-12-03T10:00:05Z' },
  );
  const failedRefund = await rejectedRefund(knex);
  await insertDocument(knex, {
    kind: 'refund',
    status: 'queued',
    createdAt: '2026-12-03T12:00:00Z',
    totalKopecks: 2000,
  });

  // 4 December, Moscow, and another company: outside.
  await insertDocument(knex, {
    kind: 'refund',
    status: 'done',
    createdAt: '2026-12-03T21:01:00Z',
    totalKopecks: 500,
  });
  await insertRegistered(
    knex,
    { status: 'wait', createdAt: '2026-12-03T21:30:00Z', totalKopecks: 700 },
    { status: 'wait', createdAt: '2026-12-04T05:50:00Z' },
  );
  await insertDocument(knex, {
    companyKey: 'other',
    status: 'failed',
    createdAt: '2026-12-03T10:00:00Z',
    totalKopecks: 5,
  });

  // 1 December: outside the period, but still waiting, so listed as stuck.
  const oldWaiting = await insertRegistered(
    knex,
    { status: 'wait', createdAt: '2026-12-01T09:00:00Z', totalKopecks: 100, orderId: null },
    { status: 'wait', createdAt: '2026-12-01T09:00:10Z', uuid: 'uuid-old' },
  );

  return { failedInvoice, failedRefund, waitingInvoice, oldWaiting };
}

/** Registered, then failed at ATOL after two tries (a network error, then a uuid). */
async function failedAtAtol(knex: Knex): Promise<number> {
  const documentId = await insertDocument(knex, {
    status: 'failed',
    createdAt: '2026-12-03T08:00:00Z',
    totalKopecks: 50000,
    shopId: 'INV-<b>3</b>',
    orderId: 'A-3',
  });
  const attemptId = await insertAttempt(knex, {
    documentId,
    tries: 2,
    updatedAt: '2026-12-03T08:01:00Z',
  });
  await insertTransaction(knex, {
    documentId,
    attemptId,
    status: 'fail',
    error: papers,
    errorClass: 'register',
    createdAt: '2026-12-03T08:01:00Z',
    updatedAt: '2026-12-03T08:05:00Z',
  });
  return documentId;
}

/** Rejected by ATOL on registration: an attempt error and no transaction. */
async function rejectedRefund(knex: Knex): Promise<number> {
  const documentId = await insertDocument(knex, {
    kind: 'refund',
    status: 'failed',
    createdAt: '2026-12-03T15:00:00Z',
    totalKopecks: 5000,
    shopId: 'REF-7',
    orderId: 'A-7',
  });
  await insertAttempt(knex, {
    documentId,
    operation: 'sell_refund',
    status: 'error',
    error: validation,
    tries: 1,
    updatedAt: '2026-12-03T15:00:02Z',
  });
  return documentId;
}
