import type { Knex } from 'knex';
import { parseAtolReport, reportStateOf } from '../atol/atol-report';
import type { AtolReport, ReportState } from '../atol/atol-types';
import { insertAttempt } from './attempt-requests';
import { loadDocument, lockDocument, moveDocument } from './document-state';
import type { FiscalContext } from './fiscal-context';
import type {
  ApplicableOutcome,
  FiscalTransaction,
  ResultSource,
  TransactionStatus,
} from './fiscal-types';
import { retryDelaySeconds } from './retry-schedule';

/** What applying one report did. */
export interface ApplyResult {
  /** True when this report moved the transaction out of `wait`. */
  changed: boolean;
  /** The transaction's status afterwards; absent when no transaction has this uuid. */
  status?: TransactionStatus;
  /** The attempt that resends the receipt under the next external id, if one was made. */
  resentAttemptId?: number;
}

type Fail = Extract<ReportState, { kind: 'fail' }>;
type Done = Extract<ReportState, { kind: 'done' }>;

interface Applying {
  trx: Knex.Transaction;
  transaction: FiscalTransaction;
  source: ResultSource;
  actor: string | undefined;
}

/**
 * Applies a report to the transaction with this uuid. Idempotent: only a `wait` transaction
 * changes, by a conditional update, so a second callback, a late poll or a `wait` that comes
 * after `done` changes nothing. Outcomes that are not a document state change nothing either.
 */
export async function applyReport(
  ctx: FiscalContext,
  uuid: string,
  outcome: ApplicableOutcome,
  source: ResultSource,
  actor?: string,
): Promise<ApplyResult> {
  if (outcome.kind !== 'wait' && outcome.kind !== 'done' && outcome.kind !== 'fail') {
    const known = await ctx.transactions.findByUuid(uuid);
    return known ? { changed: false, status: known.status } : { changed: false };
  }
  return ctx.knex.transaction((trx) => applyIn(ctx, trx, uuid, outcome, source, actor));
}

async function applyIn(
  ctx: FiscalContext,
  trx: Knex.Transaction,
  uuid: string,
  state: ReportState,
  source: ResultSource,
  actor: string | undefined,
): Promise<ApplyResult> {
  const current = await ctx.transactions.findByUuid(uuid, trx);
  if (!current) return { changed: false };
  if (state.kind === 'wait') return { changed: false, status: current.status };

  // The document row before the transaction row: the lock order of lockDocument.
  await lockDocument(trx, current.documentId);
  const finished = await ctx.transactions.finish(trx, uuid, finalResult(state, source));
  if (!finished) return { changed: false, status: current.status };

  const applying = { trx, transaction: finished, source, actor };
  if (state.kind === 'done') {
    await applyDone(ctx, applying, state);
    return { changed: true, status: 'done' };
  }
  const resent = await applyFail(ctx, applying, state);
  return resent === undefined
    ? { changed: true, status: 'fail' }
    : { changed: true, status: 'fail', resentAttemptId: resent };
}

function finalResult(state: Done | Fail, source: ResultSource) {
  return state.kind === 'done'
    ? { status: 'done' as const, payload: state.payload, report: state.report, source }
    : {
        status: 'fail' as const,
        error: state.error,
        errorClass: state.errorClass,
        report: state.report,
        source,
      };
}

async function applyDone(ctx: FiscalContext, applying: Applying, state: Done): Promise<void> {
  const { trx, transaction } = applying;
  await moveDocument(trx, transaction.documentId, ['stored', 'queued', 'wait', 'failed'], 'done');
  await record(ctx, applying, {
    type: 'done',
    message:
      `Receipt fiscalised: document ${state.payload.fiscal_document_number}, ` +
      `shift ${state.payload.shift_number} (${applying.source})`,
    data: { uuid: transaction.uuid, source: applying.source, payload: state.payload },
  });
  await ctx.onFinal(trx, {
    documentId: transaction.documentId,
    companyKey: transaction.companyKey,
    status: 'done',
  });
}

/**
 * A failed document burns its external id (reference §7.3). Register faults and queue timeouts
 * are not the receipt's fault, so the receipt is resent under the next generation; a data error
 * needs a person, who can resend after fixing it. Automatic resends stop after MAX_TRIES
 * generations (a register that keeps failing needs ATOL support, not more receipts tried); the
 * document is then failed and a person may resend it with a new id. Returns the resend's id.
 */
async function applyFail(
  ctx: FiscalContext,
  applying: Applying,
  state: Fail,
): Promise<number | undefined> {
  const { trx, transaction } = applying;
  const what = `${state.error.type} ${state.error.code} ${state.error.text}`;
  const data = { uuid: transaction.uuid, source: applying.source, error: state.error };
  const attempt = await ctx.attempts.findById(transaction.attemptId, trx);
  const generation = attempt?.generation ?? 1;
  const { maxTries, retryScheduleSeconds } = ctx.config.queue;

  if (state.errorClass === 'data' || !attempt || generation >= maxTries) {
    const reason =
      state.errorClass === 'data'
        ? `ATOL could not register the receipt (data error ${what}): fix it and send again`
        : `ATOL failed the receipt ${generation} times, last: ${state.errorClass} ${what}`;
    return failDocument(ctx, applying, reason, { ...data, errorClass: state.errorClass });
  }

  const document = await loadDocument(trx, transaction.documentId);
  const delay = retryDelaySeconds(retryScheduleSeconds, generation);
  const next = await insertAttempt(ctx, trx, document, {
    generation: generation + 1,
    operation: attempt.operation,
    dueInSeconds: delay,
  });
  await moveDocument(trx, document.id, ['wait', 'failed'], 'queued');
  await record(ctx, applying, {
    type: 'resent',
    message:
      `ATOL failed ${transaction.externalId} (${state.errorClass} ${what}): ` +
      `resending as ${next.externalId} in ${delay} s`,
    data: { ...data, errorClass: state.errorClass, externalId: next.externalId },
  });
  return next.id;
}

async function failDocument(
  ctx: FiscalContext,
  applying: Applying,
  reason: string,
  data: unknown,
): Promise<undefined> {
  const { trx, transaction } = applying;
  await moveDocument(trx, transaction.documentId, ['queued', 'wait'], 'failed');
  await record(ctx, applying, { type: 'failed', message: reason, data });
  await ctx.onFinal(trx, {
    documentId: transaction.documentId,
    companyKey: transaction.companyKey,
    status: 'failed',
    reason,
  });
  return undefined;
}

async function record(
  ctx: FiscalContext,
  applying: Applying,
  event: { type: string; message: string; data: unknown },
): Promise<void> {
  await ctx.events.record(applying.trx, {
    companyKey: applying.transaction.companyKey,
    documentId: applying.transaction.documentId,
    ...event,
    ...(applying.actor === undefined ? {} : { actor: applying.actor }),
  });
}

/**
 * Applies the stored, unprocessed callbacks of a transaction, matched by uuid or external id.
 * The callback endpoint calls it after storing each callback; the sender calls it after
 * recording the uuid, for callbacks that came before the register answer was recorded. With
 * CALLBACK_TRUST=verify the body only triggers one report call, like any other callback.
 */
export async function reconcileCallbacks(ctx: FiscalContext, uuid: string): Promise<number> {
  const transaction = await ctx.transactions.findByUuid(uuid);
  if (!transaction) return 0;
  const pending = await ctx.callbacks.listFor(
    ctx.knex,
    transaction.companyKey,
    uuid,
    transaction.externalId,
  );

  let applied = 0;
  // A final transaction needs no more callbacks (nor report calls in verify mode): duplicates
  // and late ones are only marked processed.
  let settled = transaction.status !== 'wait';
  for (const callback of pending) {
    const state = settled ? undefined : await earlyCallbackState(ctx, transaction, callback.body);
    if (state) {
      const result = await applyReport(ctx, uuid, state, 'callback');
      if (result.changed) applied += 1;
      settled = result.status !== undefined && result.status !== 'wait';
    }
    await ctx.callbacks.markProcessed(ctx.knex, callback.id);
  }
  return applied;
}

async function earlyCallbackState(
  ctx: FiscalContext,
  transaction: FiscalTransaction,
  body: unknown,
): Promise<ApplicableOutcome | undefined> {
  const { uuid } = transaction;
  let state: ReportState | undefined;
  try {
    const report = parseAtolReport(body);
    if (report.uuid !== uuid) {
      ctx.logger.warn('Stored callback names another uuid; ignored', { uuid, other: report.uuid });
      return undefined;
    }
    state = reportStateOf(report);
    if (!state || state.kind === 'wait') return state;
    // Unsigned (reference §6): only CALLBACK_TRUST=trust takes the body as the result, and
    // only when it names our group and external id. Anything else costs one report call.
    if (ctx.config.callbackTrust === 'trust') {
      return callbackMatches(ctx, transaction, report) ? state : undefined;
    }
  } catch {
    ctx.logger.warn('Stored callback is not a report; ignored', { uuid });
    return undefined;
  }
  return ctx.client.report(uuid, {
    documentId: transaction.documentId,
    attemptId: transaction.attemptId,
  });
}

function callbackMatches(
  ctx: FiscalContext,
  transaction: FiscalTransaction,
  report: AtolReport,
): boolean {
  const groupCode = ctx.config.atol.groupCode;
  const matches =
    report.external_id === transaction.externalId &&
    (groupCode === undefined || report.group_code === groupCode);
  if (!matches) {
    ctx.logger.warn('Callback does not match its transaction; ignored, the poller will ask', {
      uuid: transaction.uuid,
      externalId: report.external_id,
      groupCode: report.group_code,
    });
  }
  return matches;
}
