import type { Knex } from 'knex';
import type { DeliveryStatus, WebhookDelivery, WebhookEvent } from './webhook-types';

type Db = Knex | Knex.Transaction;

interface DeliveryRow {
  id: number;
  company_key: string;
  document_id: number;
  event: WebhookEvent;
  payload: Record<string, unknown>;
  status: DeliveryStatus;
  tries: number;
  next_try_at: Date;
  response_status: number | null;
  last_error: string | null;
}

export interface NewDelivery {
  companyKey: string;
  documentId: number;
  event: WebhookEvent;
  payload: Record<string, unknown>;
}

/** How one try ended, written back to its row. */
export interface DeliveryUpdate {
  status: DeliveryStatus;
  responseStatus: number | null;
  lastError: string | null;
  /** When the next try is due; only for status `new`. */
  nextTryAt?: Date;
}

export interface WebhookStore {
  /** Queues a delivery inside the caller's transaction. */
  enqueue(trx: Db, delivery: NewDelivery): Promise<number>;
  /**
   * Claims up to `limit` due deliveries for `owner` until `lockMs` from now and counts the try.
   * Rows another process holds are skipped (FOR UPDATE SKIP LOCKED).
   */
  claimDue(owner: string, limit: number, lockMs: number): Promise<WebhookDelivery[]>;
  /** Writes a try's result and releases the claim, inside the caller's transaction. */
  finish(trx: Db, id: number, update: DeliveryUpdate): Promise<void>;
  listForDocument(documentId: number): Promise<WebhookDelivery[]>;
}

function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    companyKey: row.company_key,
    documentId: row.document_id,
    event: row.event,
    payload: row.payload,
    status: row.status,
    tries: row.tries,
    nextTryAt: row.next_try_at,
    responseStatus: row.response_status,
    lastError: row.last_error,
  };
}

/** Reads and writes webhook_deliveries. */
export function createWebhookStore(knex: Knex): WebhookStore {
  return {
    async enqueue(trx, delivery) {
      const rows: Array<{ id: number }> = await trx('webhook_deliveries')
        .insert({
          company_key: delivery.companyKey,
          document_id: delivery.documentId,
          event: delivery.event,
          payload: JSON.stringify(delivery.payload),
        })
        .returning('id');
      return Number(rows[0]?.id);
    },

    async claimDue(owner, limit, lockMs) {
      // One statement: pick due, unclaimed rows that no other process holds, and claim them.
      const result = await knex.raw(
        `UPDATE webhook_deliveries
            SET locked_by = ?, locked_until = now() + (? * interval '1 millisecond'),
                tries = tries + 1, updated_at = now()
          WHERE id IN (
            SELECT id FROM webhook_deliveries
             WHERE status = 'new' AND next_try_at <= now()
               AND (locked_until IS NULL OR locked_until < now())
             ORDER BY next_try_at, id
             LIMIT ?
             FOR UPDATE SKIP LOCKED)
        RETURNING *`,
        [owner, lockMs, limit],
      );
      return (result.rows as DeliveryRow[]).map(toDelivery);
    },

    async finish(trx, id, update) {
      await trx('webhook_deliveries')
        .where({ id })
        .update({
          status: update.status,
          response_status: update.responseStatus,
          last_error: update.lastError,
          ...(update.nextTryAt ? { next_try_at: update.nextTryAt } : {}),
          locked_by: null,
          locked_until: null,
          updated_at: trx.fn.now(),
        });
    },

    async listForDocument(documentId) {
      const rows: DeliveryRow[] = await knex('webhook_deliveries')
        .where({ document_id: documentId })
        .orderBy('id');
      return rows.map(toDelivery);
    },
  };
}
