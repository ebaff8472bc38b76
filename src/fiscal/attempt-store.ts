import type { Knex } from 'knex';
import type { AtolOperation } from '../atol/atol-types';
import type { Attempt, AttemptStatus } from './fiscal-types';

type Db = Knex | Knex.Transaction;

/** A new attempt: the exact ATOL body and when it is first due. */
export interface NewAttempt {
  companyKey: string;
  documentId: number;
  operation: AtolOperation;
  externalId: string;
  generation: number;
  apiVersion: number;
  request: object;
  /** Seconds from the database's now until the attempt is due. */
  dueInSeconds: number;
}

/** A body rebuilt from the stored receipt with the settings of now. */
export interface Rebuilt {
  request: object;
  apiVersion: number;
}

/** What one send brought back, stored on the attempt. */
export interface SendRecord {
  response?: unknown;
  error?: unknown;
  httpStatus?: number | undefined;
  durationMs?: number | undefined;
}

export interface AttemptStore {
  insert(trx: Db, attempt: NewAttempt): Promise<Attempt>;
  findById(id: number, db?: Db): Promise<Attempt | undefined>;
  /** The newest attempt of a document; locked for update when `trx` is a transaction. */
  latestForDocument(trx: Db, documentId: number): Promise<Attempt | undefined>;
  listForDocument(documentId: number, db?: Db): Promise<Attempt[]>;
  /**
   * Claims up to `limit` attempts: due `new` ones and `sending` ones whose lock ran out (their
   * owner died mid-send). Claimed rows are `sending`, locked by `owner`, one more try.
   */
  claimDue(trx: Db, limit: number, owner: string, lockTtlMs: number): Promise<Attempt[]>;
  /** Claims one attempt if it is `new` (due or not) or a stale `sending` one. */
  claimOne(trx: Db, id: number, owner: string, lockTtlMs: number): Promise<Attempt | undefined>;
  /** `sent` with ATOL's answer, if the claim still holds. */
  markSent(trx: Db, claim: Attempt, record: SendRecord): Promise<boolean>;
  /** `error` for good, if the claim still holds. */
  markError(trx: Db, claim: Attempt, record: SendRecord): Promise<boolean>;
  /** Back to `new`, due in `delaySeconds`, if the claim still holds. */
  reschedule(trx: Db, claim: Attempt, delaySeconds: number, record: SendRecord): Promise<boolean>;
  /** A manual send of an attempt ATOL never registered: same external id, fresh tries. */
  requeue(trx: Db, id: number, rebuilt: Rebuilt, dueInSeconds: number): Promise<void>;
  /** Moves a waiting `new` attempt's next try to `dueInSeconds` from now. */
  expedite(trx: Db, id: number, dueInSeconds: number): Promise<void>;
}

interface AttemptRow {
  id: number;
  company_key: string;
  document_id: number;
  operation: AtolOperation;
  external_id: string;
  generation: number;
  api_version: number;
  status: AttemptStatus;
  request: Record<string, unknown>;
  response: unknown;
  error: unknown;
  http_status: number | null;
  duration_ms: number | null;
  tries: number;
  next_try_at: Date | null;
  locked_by: string | null;
  locked_until: Date | null;
  created_at: Date;
  updated_at: Date;
}

function toAttempt(row: AttemptRow): Attempt {
  return {
    id: row.id,
    companyKey: row.company_key,
    documentId: row.document_id,
    operation: row.operation,
    externalId: row.external_id,
    generation: row.generation,
    apiVersion: row.api_version,
    status: row.status,
    request: row.request,
    response: row.response,
    error: row.error,
    httpStatus: row.http_status,
    durationMs: row.duration_ms,
    tries: row.tries,
    nextTryAt: row.next_try_at,
    lockedBy: row.locked_by,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const json = (value: unknown): string | null =>
  value === undefined || value === null ? null : JSON.stringify(value);

/** `now() + seconds`, on the database's clock, which every process shares. */
export function secondsFromNow(db: Db, seconds: number): Knex.Raw {
  return db.raw('now() + make_interval(secs => ?)', [seconds]);
}

function recordColumns(record: SendRecord): Record<string, unknown> {
  return {
    response: json(record.response),
    error: json(record.error),
    http_status: record.httpStatus ?? null,
    duration_ms: record.durationMs === undefined ? null : Math.round(record.durationMs),
  };
}

/**
 * The claim that is still ours: the same owner and the same try. A worker whose lock ran out
 * and whose attempt was claimed again by another (tries + 1) no longer matches.
 */
function owned(db: Db, claim: Attempt): Knex.QueryBuilder {
  return db('attempts').where({
    id: claim.id,
    status: 'sending',
    locked_by: claim.lockedBy,
    tries: claim.tries,
  });
}

function claimColumns(db: Db, owner: string, lockTtlMs: number): Record<string, unknown> {
  return {
    status: 'sending',
    locked_by: owner,
    locked_until: secondsFromNow(db, lockTtlMs / 1000),
    tries: db.raw('tries + 1'),
    updated_at: db.fn.now(),
  };
}

const released = { locked_by: null, locked_until: null };

// Stale `sending` attempts first (their owner died mid-send), then due `new` ones. Each part is
// read in the order of its own partial index (attempts_stale_idx, attempts_due_idx) and stops
// after `limit` rows, so a claim costs the same with 10 or 100 000 attempts queued. One query
// with `a OR b ORDER BY next_try_at` instead read and sorted the whole queue on every claim
// (200 ms at 100 000 queued).
const claimDueSql = `
  WITH stale AS (
    SELECT id FROM attempts
    WHERE status = 'sending' AND locked_until < now()
    ORDER BY locked_until LIMIT ? FOR UPDATE SKIP LOCKED),
  due AS (
    SELECT id FROM attempts
    WHERE status = 'new' AND next_try_at <= now()
    ORDER BY next_try_at LIMIT ? FOR UPDATE SKIP LOCKED),
  claimable AS (SELECT id FROM stale UNION ALL SELECT id FROM due LIMIT ?)
  UPDATE attempts
  SET status = 'sending', locked_by = ?, locked_until = now() + make_interval(secs => ?),
      tries = tries + 1, updated_at = now()
  WHERE id IN (SELECT id FROM claimable)
  RETURNING *`;

/** Reads and writes the attempts table; the queue's claims live here. */
export function createAttemptStore(knex: Knex): AttemptStore {
  return {
    async insert(trx, attempt) {
      const rows: AttemptRow[] = await trx('attempts')
        .insert({
          company_key: attempt.companyKey,
          document_id: attempt.documentId,
          operation: attempt.operation,
          external_id: attempt.externalId,
          generation: attempt.generation,
          api_version: attempt.apiVersion,
          status: 'new',
          request: JSON.stringify(attempt.request),
          next_try_at: secondsFromNow(trx, attempt.dueInSeconds),
        })
        .returning('*');
      return toAttempt(rows[0] as AttemptRow);
    },

    async findById(id, db = knex) {
      const row: AttemptRow | undefined = await db('attempts').where({ id }).first();
      return row ? toAttempt(row) : undefined;
    },

    async latestForDocument(trx, documentId) {
      const query = trx('attempts').where('document_id', documentId).orderBy('id', 'desc');
      if (trx.isTransaction) query.forUpdate();
      const row: AttemptRow | undefined = await query.first();
      return row ? toAttempt(row) : undefined;
    },

    async listForDocument(documentId, db = knex) {
      const rows: AttemptRow[] = await db('attempts')
        .where('document_id', documentId)
        .orderBy('id');
      return rows.map(toAttempt);
    },

    async claimDue(trx, limit, owner, lockTtlMs) {
      // SKIP LOCKED lets several workers and processes claim side by side without waiting on
      // each other; the rows are committed as `sending` before any HTTP call is made.
      const result = await trx.raw<{ rows: AttemptRow[] }>(claimDueSql, [
        limit,
        limit,
        limit,
        owner,
        lockTtlMs / 1000,
      ]);
      return result.rows.map(toAttempt).sort((a, b) => a.id - b.id);
    },

    async claimOne(trx, id, owner, lockTtlMs) {
      const rows: AttemptRow[] = await trx('attempts')
        .update(claimColumns(trx, owner, lockTtlMs))
        .where('id', id)
        .andWhere((where) =>
          where
            .where('status', 'new')
            .orWhere((stale) =>
              stale.where('status', 'sending').andWhere('locked_until', '<', trx.fn.now()),
            ),
        )
        .returning('*');
      return rows[0] ? toAttempt(rows[0]) : undefined;
    },

    async markSent(trx, claim, record) {
      const count = await owned(trx, claim).update({
        status: 'sent',
        ...recordColumns(record),
        ...released,
        next_try_at: null,
        updated_at: trx.fn.now(),
      });
      return count > 0;
    },

    async markError(trx, claim, record) {
      const count = await owned(trx, claim).update({
        status: 'error',
        ...recordColumns(record),
        ...released,
        next_try_at: null,
        updated_at: trx.fn.now(),
      });
      return count > 0;
    },

    async reschedule(trx, claim, delaySeconds, record) {
      const count = await owned(trx, claim).update({
        status: 'new',
        ...recordColumns(record),
        ...released,
        next_try_at: secondsFromNow(trx, delaySeconds),
        updated_at: trx.fn.now(),
      });
      return count > 0;
    },

    async requeue(trx, id, rebuilt, dueInSeconds) {
      await trx('attempts')
        .where({ id, status: 'error' })
        .update({
          status: 'new',
          request: JSON.stringify(rebuilt.request),
          api_version: rebuilt.apiVersion,
          tries: 0,
          ...released,
          next_try_at: secondsFromNow(trx, dueInSeconds),
          updated_at: trx.fn.now(),
        });
    },

    async expedite(trx, id, dueInSeconds) {
      await trx('attempts')
        .where({ id, status: 'new' })
        .update({ next_try_at: secondsFromNow(trx, dueInSeconds), updated_at: trx.fn.now() });
    },
  };
}
