import type { Knex } from 'knex';

/** A transaction still waiting for its result, as the poller and `kkm update` see it. */
export interface WaitingTransaction {
  uuid: string;
  externalId: string;
  documentId: number;
  /** Time since registration by the database's clock, which also decides when rows are due. */
  ageMs: number;
  /** False when the fiscal core stopped polling it (the document was failed for no result). */
  polling: boolean;
}

export interface PollStore {
  /**
   * Claims up to `limit` due transactions, oldest first, by moving their next poll `leaseMs`
   * ahead: rows another instance holds are skipped, and a crashed claimer's rows come back
   * once the lease runs out.
   */
  claimDue(limit: number, leaseMs: number): Promise<WaitingTransaction[]>;
  /** Every waiting transaction of the company, oldest first, due or not. */
  listWaiting(): Promise<WaitingTransaction[]>;
  /** One waiting transaction by uuid; undefined when there is none or it is final. */
  findWaiting(uuid: string): Promise<WaitingTransaction | undefined>;
  /**
   * Counts one report request for the transaction and, when `nextDelayMs` is given, sets its
   * next poll that far from now, if it still waits and its polling was not stopped meanwhile.
   */
  recordPoll(uuid: string, nextDelayMs?: number): Promise<void>;
  /** Hands claimed transactions back, due now, when a run stops before polling them. */
  release(uuids: readonly string[]): Promise<void>;
}

interface WaitingRow {
  uuid: string;
  external_id: string;
  document_id: number;
  age_ms: string | number;
  polling: boolean;
}

const AGE_MS = 'extract(epoch from (now() - created_at)) * 1000 AS age_ms';
const POLLING = 'next_poll_at IS NOT NULL AS polling';

function toWaiting(row: WaitingRow): WaitingTransaction {
  return {
    uuid: row.uuid,
    externalId: row.external_id,
    documentId: row.document_id,
    ageMs: Math.max(0, Math.round(Number(row.age_ms))),
    polling: row.polling,
  };
}

function waiting(db: Knex | Knex.Transaction, companyKey: string) {
  return db('transactions')
    .select('uuid', 'external_id', 'document_id', db.raw(AGE_MS), db.raw(POLLING))
    .where({ company_key: companyKey, status: 'wait' });
}

/**
 * The poller's view of the transactions table: only the polling columns (polls, next_poll_at)
 * are written here. Status changes go through the fiscal core. A null next_poll_at means the
 * fiscal core stopped polling that transaction.
 */
export function createPollStore(knex: Knex, companyKey: string): PollStore {
  return {
    claimDue(limit, leaseMs) {
      return knex.transaction(async (trx) => {
        const rows: WaitingRow[] = await waiting(trx, companyKey)
          .andWhere('next_poll_at', '<=', trx.fn.now())
          .orderBy('created_at')
          .orderBy('id')
          .limit(limit)
          .forUpdate()
          .skipLocked();
        if (rows.length === 0) return [];
        await trx('transactions')
          .whereIn(
            'uuid',
            rows.map((row) => row.uuid),
          )
          .update({ next_poll_at: inMs(trx, leaseMs), updated_at: trx.fn.now() });
        return rows.map(toWaiting);
      });
    },

    async listWaiting() {
      const rows: WaitingRow[] = await waiting(knex, companyKey)
        .orderBy('created_at')
        .orderBy('id');
      return rows.map(toWaiting);
    },

    async findWaiting(uuid) {
      const row: WaitingRow | undefined = await waiting(knex, companyKey)
        .andWhere({ uuid })
        .first();
      return row ? toWaiting(row) : undefined;
    },

    async recordPoll(uuid, nextDelayMs) {
      const columns: Record<string, unknown> = {
        polls: knex.raw('polls + 1'),
        updated_at: knex.fn.now(),
      };
      if (nextDelayMs !== undefined) {
        columns.next_poll_at = knex.raw(
          "CASE WHEN status = 'wait' AND next_poll_at IS NOT NULL " +
            'THEN now() + make_interval(secs => ?) ELSE next_poll_at END',
          [nextDelayMs / 1000],
        );
      }
      await knex('transactions').where({ uuid }).update(columns);
    },

    async release(uuids) {
      if (uuids.length === 0) return;
      await knex('transactions')
        .whereIn('uuid', uuids)
        .andWhere('status', 'wait')
        .whereNotNull('next_poll_at')
        .update({ next_poll_at: knex.fn.now() });
    },
  };
}

function inMs(db: Knex | Knex.Transaction, ms: number): Knex.Raw {
  return db.raw('now() + make_interval(secs => ?)', [ms / 1000]);
}
