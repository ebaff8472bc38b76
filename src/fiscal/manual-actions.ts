import type { Knex } from 'knex';
import type { ReportOutcome } from '../atol/atol-types';
import { documentName } from '../documents/document-types';
import { ConflictError, NotFoundError } from '../errors/errors';
import { operationFor } from '../receipt/receipt-engine';
import { buildRequest, firstDueInSeconds, insertAttempt } from './attempt-requests';
import { lockDocument, loadDocument, moveDocument, type DocumentState } from './document-state';
import type { FiscalContext } from './fiscal-context';
import type { Attempt, FiscalTransaction, ResultSource, TransactionStatus } from './fiscal-types';
import { recoverLostUuid, type Recovery } from './lost-uuid';
import { applyReport } from './report-applier';

/**
 * What a manual send did: queued the first attempt, requeued a rejected attempt under the same
 * external id, queued the next generation after a `fail`, moved a waiting retry to now, or
 * nothing because an attempt is being sent right now.
 */
export type SendAction = 'queued' | 'requeued' | 'new_generation' | 'expedited' | 'in_flight';

export interface SendDocumentOptions {
  /** Register under the next external id; allowed, and required, only after a `fail`. */
  newId?: boolean;
  /** Who asked (`api`, `admin:alice`, `cli`), for the document's history. */
  actor: string;
  /** Send at once instead of leaving it to the workers; default: SEND_MODE=sync. */
  sendNow?: boolean;
}

export interface PlannedSend {
  action: SendAction;
  attemptId: number;
  externalId: string;
  message: string;
}

/** The result of a refresh: ATOL's answer and what it changed. */
export interface RefreshResult {
  uuid: string;
  outcome: ReportOutcome['kind'];
  changed: boolean;
  status?: TransactionStatus;
  /** ATOL had lost `uuid` (code 30): the same external id resubmitted got this uuid instead. */
  recoveredAs?: string;
}

/**
 * Decides and writes a manual send under the exactly-once rules, with the document locked:
 * - never sent (`stored`): the first attempt;
 * - the last transaction `wait` or `done`, or the document `done`: refused, since a new external
 *   id could register a second receipt;
 * - the last transaction `fail`: the next generation, only with `newId` (a person confirms that a
 *   new receipt is wanted, usually after fixing the data);
 * - the last attempt `error` (rejected, or out of tries, so ATOL may or may not have it): the same
 *   external id again, with the body rebuilt from the stored receipt so that fixed settings take
 *   effect and the operation kept (reference §7.4: 33 answers if ATOL had registered it);
 * - the last attempt `new` or `sending`: already on its way; a waiting retry is moved to now.
 */
export async function planSend(
  ctx: FiscalContext,
  trx: Knex.Transaction,
  documentId: number,
  options: SendDocumentOptions & { sendNow: boolean },
): Promise<PlannedSend> {
  const document = await lockDocument(trx, documentId);
  if (document.status === 'done') {
    throw new ConflictError(`${documentName(document)} is done: its receipt is registered at ATOL`);
  }
  const latest = await ctx.attempts.latestForDocument(trx, documentId);
  const transaction = latest && (await ctx.transactions.findByAttempt(latest.id, trx));
  refuseUnsafe(document, transaction, options.newId === true);

  const dueIn = firstDueInSeconds(ctx.config, options.sendNow);
  const planned = await decide(ctx, trx, document, { latest, transaction, dueIn });
  if (planned.action !== 'in_flight') {
    await moveDocument(trx, documentId, ['stored', 'failed', 'queued'], 'queued');
  }
  await ctx.events.record(trx, {
    companyKey: document.companyKey,
    documentId,
    type: 'manual_send',
    message: planned.message,
    data: { action: planned.action, externalId: planned.externalId },
    actor: options.actor,
  });
  return planned;
}

function refuseUnsafe(
  document: DocumentState,
  transaction: FiscalTransaction | undefined,
  newId: boolean,
): void {
  const name = documentName(document);
  if (transaction?.status === 'wait') {
    throw new ConflictError(
      `${name} is registered at ATOL as ${transaction.uuid} and waits for its result: ` +
        'refresh it instead; sending it again could register a second receipt',
    );
  }
  if (transaction?.status === 'done') {
    throw new ConflictError(`${name} is done: its receipt is registered at ATOL`);
  }
  if (transaction?.status === 'fail' && !newId) {
    throw new ConflictError(
      `ATOL failed external id ${transaction.externalId} of ${document.kind} ${document.shopId} ` +
        `(${transaction.errorClass ?? 'fail'}); send it with newId to register the receipt ` +
        'under the next external id',
    );
  }
  if (transaction?.status !== 'fail' && newId) {
    throw new ConflictError(
      'A new external id is allowed only after ATOL failed the last one; ' +
        `${document.kind} ${document.shopId} is sent under its current external id`,
    );
  }
}

interface SendState {
  latest: Attempt | undefined;
  transaction: FiscalTransaction | undefined;
  dueIn: number;
}

async function decide(
  ctx: FiscalContext,
  trx: Knex.Transaction,
  document: DocumentState,
  { latest, transaction, dueIn }: SendState,
): Promise<PlannedSend> {
  if (!latest) {
    const operation = operationFor(document.kind);
    const first = await insertAttempt(ctx, trx, document, {
      generation: 1,
      operation,
      dueInSeconds: dueIn,
    });
    return plan('queued', first, `Queued as ${operation} with external id ${first.externalId}`);
  }
  if (transaction?.status === 'fail') {
    const next = await insertAttempt(ctx, trx, document, {
      generation: latest.generation + 1,
      operation: latest.operation,
      dueInSeconds: dueIn,
    });
    return plan('new_generation', next, `Resent under the next external id ${next.externalId}`);
  }
  if (latest.status === 'error') {
    const request = buildRequest(ctx, document, latest.operation, latest.externalId);
    const apiVersion = ctx.config.atol.apiVersion;
    await ctx.attempts.requeue(trx, latest.id, { request, apiVersion }, dueIn);
    return plan('requeued', latest, `Sent again under the same external id ${latest.externalId}`);
  }
  if (latest.status === 'new') {
    await ctx.attempts.expedite(trx, latest.id, dueIn);
    return plan('expedited', latest, `Already queued as ${latest.externalId}; due now`);
  }
  if (latest.status === 'sent') {
    throw new ConflictError(`Attempt ${latest.id} was sent but has no transaction`);
  }
  return plan('in_flight', latest, `Being sent right now as ${latest.externalId}`);
}

function plan(action: SendAction, attempt: Attempt, message: string): PlannedSend {
  return { action, attemptId: attempt.id, externalId: attempt.externalId, message };
}

/** One report call for a transaction, applied; the poller and `kkm update` use it. */
export async function refreshTransaction(
  ctx: FiscalContext,
  uuid: string,
  source: ResultSource,
  actor?: string,
): Promise<RefreshResult> {
  const transaction = await ctx.transactions.findByUuid(uuid);
  if (!transaction) throw new NotFoundError(`No transaction with uuid ${uuid}`);

  const outcome = await ctx.client.report(uuid, {
    documentId: transaction.documentId,
    attemptId: transaction.attemptId,
  });
  if (outcome.kind === 'unknown_uuid' && transaction.status === 'wait') {
    return recoveryResult(uuid, await recoverLostUuid(ctx, transaction, actor));
  }
  const applied = await applyReport(ctx, uuid, outcome, source, actor);
  const result: RefreshResult = { uuid, outcome: outcome.kind, changed: applied.changed };
  if (applied.status !== undefined) result.status = applied.status;
  return result;
}

function recoveryResult(uuid: string, recovery: Recovery): RefreshResult {
  const result: RefreshResult = { uuid, outcome: 'unknown_uuid', changed: false, status: 'wait' };
  if (recovery.kind !== 'replaced') return result;
  return { ...result, changed: true, status: 'fail', recoveredAs: recovery.uuid };
}

/** The admin "Check status" button, the API refresh: the document's newest transaction. */
export async function refreshDocument(
  ctx: FiscalContext,
  documentId: number,
  actor: string,
): Promise<RefreshResult> {
  const document = await loadDocument(ctx.knex, documentId);
  const transaction = await ctx.transactions.latestForDocument(documentId);
  if (!transaction) {
    throw new ConflictError(
      `${documentName(document)} has no receipt registered at ATOL yet: nothing to refresh`,
    );
  }

  const result = await refreshTransaction(ctx, transaction.uuid, 'manual', actor);
  await ctx.events.record(ctx.knex, {
    companyKey: document.companyKey,
    documentId,
    type: 'manual_refresh',
    message: `Asked ATOL for ${transaction.uuid}: ${result.outcome}`,
    data: result,
    actor,
  });
  return result;
}
