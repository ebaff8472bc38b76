import type { Knex } from 'knex';
import type { EventType, FiscalEvent } from './fiscal-types';

type Db = Knex | Knex.Transaction;

/** A new entry of a document's history. */
export interface NewEvent {
  companyKey: string;
  documentId: number;
  type: EventType;
  message: string;
  data?: unknown;
  /** Who did it when it was a person or a command (`admin:alice`, `cli`, `api`). */
  actor?: string;
}

export interface EventStore {
  /** Writes one entry inside the caller's transaction, so history and state change together. */
  record(trx: Db, event: NewEvent): Promise<void>;
  /** Writes several entries in one statement, ids in the order given. */
  recordMany(trx: Db, events: NewEvent[]): Promise<void>;
  /** A document's history, oldest first. */
  listForDocument(documentId: number, db?: Db): Promise<FiscalEvent[]>;
}

interface EventRow {
  id: number;
  company_key: string;
  document_id: number;
  type: string;
  message: string;
  data: unknown;
  actor: string | null;
  created_at: Date;
}

function toEvent(row: EventRow): FiscalEvent {
  return {
    id: row.id,
    companyKey: row.company_key,
    documentId: row.document_id,
    type: row.type,
    message: row.message,
    data: row.data,
    actor: row.actor,
    createdAt: row.created_at,
  };
}

function toRow(event: NewEvent): Record<string, unknown> {
  return {
    company_key: event.companyKey,
    document_id: event.documentId,
    type: event.type,
    message: event.message,
    // Stringified: node-postgres would turn a top-level array into a SQL array.
    data: event.data === undefined ? null : JSON.stringify(event.data),
    actor: event.actor ?? null,
  };
}

/** Reads and writes the events table (each document's history). */
export function createEventStore(knex: Knex): EventStore {
  return {
    async record(trx, event) {
      await trx('events').insert(toRow(event));
    },

    async recordMany(trx, events) {
      if (events.length > 0) await trx('events').insert(events.map(toRow));
    },

    async listForDocument(documentId, db = knex) {
      const rows: EventRow[] = await db('events').where('document_id', documentId).orderBy('id');
      return rows.map(toEvent);
    },
  };
}
