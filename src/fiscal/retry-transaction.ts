import type { Knex } from 'knex';

// PostgreSQL aborts a transaction with these when it loses a deadlock or a serialization check;
// the whole transaction may simply run again.
const RETRYABLE_CODES = new Set(['40P01', '40001']);

function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE_CODES.has(code);
}

/**
 * Runs `work` in a transaction and runs it again (up to `attempts` times in all) when
 * PostgreSQL aborted it with 40P01 or 40001. A safety net only: the lock order described at
 * lockDocument is what keeps the fiscal transactions from deadlocking. `work` must not have
 * effects outside the database, since it may run more than once.
 */
export async function retryingTransaction<T>(
  knex: Knex,
  work: (trx: Knex.Transaction) => Promise<T>,
  attempts = 3,
): Promise<T> {
  for (let run = 1; ; run += 1) {
    try {
      return await knex.transaction(work);
    } catch (error) {
      if (run >= attempts || !isRetryable(error)) throw error;
    }
  }
}
