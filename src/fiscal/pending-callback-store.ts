import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

/** A stored ATOL callback nobody has applied yet. */
export interface PendingCallback {
  id: number;
  uuid: string;
  externalId: string | null;
  body: unknown;
}

export interface PendingCallbackStore {
  /** Unprocessed callbacks for a uuid or an external id, oldest first. */
  listFor(db: Db, companyKey: string, uuid: string, externalId: string): Promise<PendingCallback[]>;
  markProcessed(db: Db, id: number): Promise<void>;
}

interface CallbackRow {
  id: number;
  uuid: string;
  external_id: string | null;
  body: unknown;
}

/**
 * The fiscal core's view of the callbacks table (written by src/status): a callback that came
 * before the register answer was recorded waits there until the sender records the uuid.
 */
export function createPendingCallbackStore(): PendingCallbackStore {
  return {
    async listFor(db, companyKey, uuid, externalId) {
      const rows: CallbackRow[] = await db('callbacks')
        .whereNull('processed_at')
        .andWhere((where) =>
          where
            .where('uuid', uuid)
            .orWhere((byId) => byId.where({ company_key: companyKey, external_id: externalId })),
        )
        .orderBy('id');
      return rows.map((row) => ({
        id: row.id,
        uuid: row.uuid,
        externalId: row.external_id,
        body: row.body,
      }));
    },

    async markProcessed(db, id) {
      await db('callbacks').where({ id }).update({ processed_at: db.fn.now() });
    },
  };
}
