import type { Knex } from 'knex';

// Small factories for the rows a report reads. Each test builds its own rows.

let sequence = 0;

export interface DocumentRow {
  companyKey?: string;
  kind?: 'invoice' | 'refund';
  status: 'stored' | 'queued' | 'wait' | 'done' | 'failed';
  createdAt: string;
  totalKopecks: number;
  shopId?: string;
  orderId?: string | null;
}

export async function insertDocument(knex: Knex, row: DocumentRow): Promise<number> {
  sequence += 1;
  const [inserted] = await knex('documents')
    .insert({
      company_key: row.companyKey ?? 'default',
      kind: row.kind ?? 'invoice',
      shop_id: row.shopId ?? `shop-${sequence}`,
      order_id: row.orderId === undefined ? `order-${sequence}` : row.orderId,
      body: JSON.stringify({}),
      body_hash: `hash-${sequence}`,
      total_kopecks: row.totalKopecks,
      status: row.status,
      document_date: row.createdAt,
      created_at: row.createdAt,
      updated_at: row.createdAt,
    })
    .returning('id');
  return (inserted as { id: number }).id;
}

export interface AttemptRow {
  documentId: number;
  companyKey?: string;
  operation?: string;
  status?: 'new' | 'sending' | 'sent' | 'error';
  error?: unknown;
  tries?: number;
  updatedAt: string;
}

export async function insertAttempt(knex: Knex, row: AttemptRow): Promise<number> {
  sequence += 1;
  const [inserted] = await knex('attempts')
    .insert({
      company_key: row.companyKey ?? 'default',
      document_id: row.documentId,
      operation: row.operation ?? 'sell',
      external_id: `ext-${sequence}`,
      api_version: 4,
      status: row.status ?? 'sent',
      request: JSON.stringify({}),
      error: row.error === undefined ? null : JSON.stringify(row.error),
      tries: row.tries ?? 1,
      created_at: row.updatedAt,
      updated_at: row.updatedAt,
    })
    .returning('id');
  return (inserted as { id: number }).id;
}

export interface TransactionRow {
  documentId: number;
  attemptId: number;
  companyKey?: string;
  operation?: string;
  status: 'wait' | 'done' | 'fail';
  error?: unknown;
  errorClass?: 'data' | 'register' | 'timeout';
  createdAt: string;
  updatedAt?: string;
  uuid?: string;
}

export async function insertTransaction(knex: Knex, row: TransactionRow): Promise<void> {
  sequence += 1;
  await knex('transactions').insert({
    company_key: row.companyKey ?? 'default',
    document_id: row.documentId,
    attempt_id: row.attemptId,
    uuid: row.uuid ?? `uuid-${sequence}`,
    external_id: `ext-${sequence}`,
    operation: row.operation ?? 'sell',
    status: row.status,
    error: row.error === undefined ? null : JSON.stringify(row.error),
    error_class: row.errorClass ?? null,
    created_at: row.createdAt,
    updated_at: row.updatedAt ?? row.createdAt,
  });
}

/** A document sent once and registered: its attempt and its transaction. */
export async function insertRegistered(
  knex: Knex,
  document: DocumentRow,
  transaction: Omit<TransactionRow, 'documentId' | 'attemptId'>,
): Promise<number> {
  const documentId = await insertDocument(knex, document);
  const operation = document.kind === 'refund' ? 'sell_refund' : 'sell';
  const attemptId = await insertAttempt(knex, {
    documentId,
    operation,
    updatedAt: transaction.createdAt,
  });
  await insertTransaction(knex, { documentId, attemptId, operation, ...transaction });
  return documentId;
}
