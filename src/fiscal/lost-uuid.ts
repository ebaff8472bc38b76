import type { RegisterOutcome } from '../atol/atol-types';
import { lockDocument, moveDocument } from './document-state';
import type { FiscalContext } from './fiscal-context';
import type { FiscalTransaction } from './fiscal-types';

/** What resubmitting a lost uuid's receipt came to. */
export type Recovery =
  { kind: 'same' } | { kind: 'replaced'; uuid: string } | { kind: 'not_recovered'; reason: string };

const LOST_ERROR = { code: 30, type: 'system' as const, text: 'ATOL does not know this uuid' };

/**
 * ATOL answered 30 to a report of a waiting transaction: it does not know the uuid (the sandbox
 * emulator restarted, say). Reference §7.4: resubmit the original body. It goes out under the
 * SAME external id, never a new one, so ATOL holds at most one receipt for it: 33 names the uuid
 * ATOL has; a fresh registration gives a new one. A new uuid replaces the lost transaction,
 * which is closed as `fail`, code 30, class `lost`: that is not a failed receipt, so no next
 * generation is made.
 */
export async function recoverLostUuid(
  ctx: FiscalContext,
  transaction: FiscalTransaction,
  actor?: string,
): Promise<Recovery> {
  const attempt = await ctx.attempts.findById(transaction.attemptId);
  if (!attempt) return { kind: 'not_recovered', reason: 'its attempt is gone' };

  const outcome = await resubmit(ctx, transaction, attempt.operation, attempt.request);
  if (outcome.kind !== 'registered' && outcome.kind !== 'duplicate') {
    const reason = outcome.kind === 'rejected' ? `${outcome.error.code}` : outcome.reason;
    await note(ctx, transaction, actor, {
      type: 'uuid_lost',
      message:
        `ATOL does not know ${transaction.uuid} (code 30); resubmitting ` +
        `${transaction.externalId} did not recover it: ${outcome.kind} ${reason}`,
      data: { uuid: transaction.uuid, outcome: outcome.kind, reason },
    });
    return { kind: 'not_recovered', reason: `${outcome.kind} ${reason}` };
  }
  return adopt(ctx, transaction, outcome.uuid, actor);
}

async function resubmit(
  ctx: FiscalContext,
  transaction: FiscalTransaction,
  operation: FiscalTransaction['operation'],
  request: unknown,
): Promise<RegisterOutcome> {
  const started = Date.now();
  try {
    return await ctx.client.register(operation, request, {
      documentId: transaction.documentId,
      attemptId: transaction.attemptId,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { kind: 'unavailable', reason, durationMs: Date.now() - started };
  }
}

async function adopt(
  ctx: FiscalContext,
  lost: FiscalTransaction,
  uuid: string,
  actor: string | undefined,
): Promise<Recovery> {
  const data = { uuid: lost.uuid, externalId: lost.externalId, recoveredAs: uuid };
  return ctx.knex.transaction(async (trx) => {
    // The document row first: the lock order of lockDocument.
    await lockDocument(trx, lost.documentId);
    if (uuid === lost.uuid) {
      await note(
        ctx,
        lost,
        actor,
        {
          type: 'uuid_recovered',
          message: `ATOL did not know ${uuid} (code 30); resubmitting ${lost.externalId} found it`,
          data,
        },
        trx,
      );
      return { kind: 'same' as const };
    }

    const result = { status: 'fail', error: LOST_ERROR, report: null, source: 'manual' } as const;
    const closed = await ctx.transactions.finish(trx, lost.uuid, { ...result, errorClass: 'lost' });
    // Not waiting any more: a result or another recovery came first.
    if (!closed) return { kind: 'same' as const };
    await ctx.transactions.insertWait(trx, {
      ...lost,
      uuid,
      firstPollInSeconds: ctx.firstPollDelaySeconds,
    });
    await moveDocument(trx, lost.documentId, ['failed', 'queued'], 'wait');
    await note(
      ctx,
      lost,
      actor,
      {
        type: 'uuid_replaced',
        message:
          `ATOL did not know ${lost.uuid} (code 30); ${lost.externalId} was resubmitted ` +
          `and registered as ${uuid}, which replaces it`,
        data,
      },
      trx,
    );
    return { kind: 'replaced' as const, uuid };
  });
}

async function note(
  ctx: FiscalContext,
  transaction: FiscalTransaction,
  actor: string | undefined,
  event: { type: string; message: string; data: unknown },
  db: Parameters<FiscalContext['events']['record']>[0] = ctx.knex,
): Promise<void> {
  await ctx.events.record(db, {
    companyKey: transaction.companyKey,
    documentId: transaction.documentId,
    ...event,
    ...(actor === undefined ? {} : { actor }),
  });
}
