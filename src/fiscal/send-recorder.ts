import type { Knex } from 'knex';
import type { RegisterOutcome } from '../atol/atol-types';
import type { SendRecord } from './attempt-store';
import { lockDocument, moveDocument } from './document-state';
import type { FiscalContext } from './fiscal-context';
import type { Attempt, AttemptStatus } from './fiscal-types';
import { reconcileCallbacks } from './report-applier';
import { retryingTransaction } from './retry-transaction';
import { isOutOfTries, retryDelaySeconds } from './retry-schedule';

/** What became of one send: recorded, or dropped because another worker owns the attempt now. */
export type RecordResult = 'recorded' | 'lost_lock';

/** The attempt's status as recorded, or undefined when the claim no longer held. */
type Recorded = AttemptStatus | undefined;

type Registered = Extract<RegisterOutcome, { kind: 'registered' | 'duplicate' }>;
type Rejected = Extract<RegisterOutcome, { kind: 'rejected' }>;
type Unavailable = Extract<RegisterOutcome, { kind: 'unavailable' }>;

function exchange(outcome: RegisterOutcome, error?: unknown): SendRecord {
  return {
    response: outcome.response,
    error,
    httpStatus: outcome.httpStatus,
    durationMs: outcome.durationMs,
  };
}

/**
 * Records ATOL's answer to a claimed attempt, in one transaction, if the claim still holds. A
 * claim that ran out was taken over by another worker, whose resend of the same external id
 * gets 33 and records the same uuid, so a lost claim just leaves the row alone. Answers with the
 * attempt's status as recorded (none when the claim was lost).
 */
export async function recordSend(
  ctx: FiscalContext,
  claim: Attempt,
  outcome: RegisterOutcome,
): Promise<{ result: RecordResult; status?: AttemptStatus }> {
  const status = await retryingTransaction(ctx.knex, async (trx): Promise<Recorded> => {
    // The document row before the attempt row: the lock order of lockDocument.
    await lockDocument(trx, claim.documentId);
    if (outcome.kind === 'registered' || outcome.kind === 'duplicate') {
      return recordRegistered(ctx, trx, claim, outcome);
    }
    if (outcome.kind === 'rejected') return recordRejected(ctx, trx, claim, outcome);
    return recordUnavailable(ctx, trx, claim, outcome);
  });
  if (!status) {
    ctx.logger.warn('ATOL answer not recorded: the attempt was claimed by another worker', {
      attemptId: claim.id,
      outcome: outcome.kind,
    });
    return { result: 'lost_lock' };
  }

  if (outcome.kind === 'registered' || outcome.kind === 'duplicate') {
    // After the commit, not inside it: a callback stored while this transaction was open is
    // visible now, and the callback endpoint looks for our row after storing its own.
    await reconcileCallbacks(ctx, outcome.uuid).catch((error: unknown) => {
      // The send is recorded; the poller brings the result if the callback cannot be applied.
      ctx.logger.warn('Early callbacks not applied', { uuid: outcome.uuid, error });
    });
  }
  return { result: 'recorded', status };
}

async function recordRegistered(
  ctx: FiscalContext,
  trx: Knex.Transaction,
  claim: Attempt,
  outcome: Registered,
): Promise<Recorded> {
  if (!(await ctx.attempts.markSent(trx, claim, exchange(outcome)))) return undefined;

  await ctx.transactions.insertWait(trx, {
    companyKey: claim.companyKey,
    documentId: claim.documentId,
    attemptId: claim.id,
    uuid: outcome.uuid,
    externalId: claim.externalId,
    operation: claim.operation,
    firstPollInSeconds: ctx.firstPollDelaySeconds,
  });
  // Registration is a fact at ATOL, so the document follows it whatever it said before.
  await moveDocument(trx, claim.documentId, ['stored', 'queued', 'failed'], 'wait');
  const adopted = outcome.kind === 'duplicate';
  await ctx.events.record(trx, {
    companyKey: claim.companyKey,
    documentId: claim.documentId,
    type: adopted ? 'duplicate_adopted' : 'registered',
    message: adopted
      ? `ATOL already had external id ${claim.externalId} (code 33): ` +
        `its uuid ${outcome.uuid} is adopted`
      : `Registered at ATOL as ${outcome.uuid} (external id ${claim.externalId})`,
    data: { uuid: outcome.uuid, externalId: claim.externalId, try: claim.tries },
  });
  return 'sent';
}

async function recordRejected(
  ctx: FiscalContext,
  trx: Knex.Transaction,
  claim: Attempt,
  outcome: Rejected,
): Promise<Recorded> {
  const error = { ...outcome.error, fields: outcome.fields };
  if (!(await ctx.attempts.markError(trx, claim, exchange(outcome, error)))) return undefined;

  // A rejection (reference §7.4: 12, 13, 14, 20, 21, 31, 32, 40, 41) does not go away by
  // itself, so there is no retry loop: a person fixes the cause and sends again.
  const reason = `ATOL refused the receipt: ${outcome.error.code} ${outcome.error.text}`;
  await moveDocument(trx, claim.documentId, ['queued'], 'failed');
  await ctx.events.record(trx, {
    companyKey: claim.companyKey,
    documentId: claim.documentId,
    type: 'rejected',
    message: reason,
    data: { externalId: claim.externalId, httpStatus: outcome.httpStatus ?? null, ...error },
  });
  await ctx.onFinal(trx, { ...notice(claim), status: 'failed', reason });
  return 'error';
}

async function recordUnavailable(
  ctx: FiscalContext,
  trx: Knex.Transaction,
  claim: Attempt,
  outcome: Unavailable,
): Promise<Recorded> {
  const { maxTries, retryScheduleSeconds } = ctx.config.queue;
  const error = { reason: outcome.reason, ...(outcome.error ? { atol: outcome.error } : {}) };
  const data = { externalId: claim.externalId, try: claim.tries, maxTries, ...error };

  if (isOutOfTries(claim.tries, maxTries)) {
    if (!(await ctx.attempts.markError(trx, claim, exchange(outcome, error)))) return undefined;
    const reason = `ATOL unavailable on all ${claim.tries} tries, last: ${outcome.reason}`;
    await moveDocument(trx, claim.documentId, ['queued'], 'failed');
    await ctx.events.record(trx, { ...notice(claim), type: 'failed', message: reason, data });
    await ctx.onFinal(trx, { ...notice(claim), status: 'failed', reason });
    return 'error';
  }

  const delay = retryDelaySeconds(retryScheduleSeconds, claim.tries);
  if (!(await ctx.attempts.reschedule(trx, claim, delay, exchange(outcome, error)))) {
    return undefined;
  }
  await ctx.events.record(trx, {
    ...notice(claim),
    type: 'retry_scheduled',
    message: `ATOL unavailable (${outcome.reason}): try ${claim.tries + 1} in ${delay} s`,
    data: { ...data, delaySeconds: delay },
  });
  return 'new';
}

function notice(claim: Attempt): { companyKey: string; documentId: number } {
  return { companyKey: claim.companyKey, documentId: claim.documentId };
}
