import crypto from 'node:crypto';
import os from 'node:os';
import type { Knex } from 'knex';
import type { RegisterOutcome } from '../atol/atol-types';
import { planFirstAttempt, type FirstAttemptPlan } from './attempt-requests';
import { createAttemptStore } from './attempt-store';
import { moveDocument } from './document-state';
import type { NewEvent } from './event-store';
import type { FiscalContext, FiscalServiceOptions } from './fiscal-context';
import type {
  ApplicableOutcome,
  Attempt,
  AttemptStatus,
  FiscalDocument,
  ResultSource,
} from './fiscal-types';
import {
  planSend,
  refreshDocument,
  refreshTransaction,
  type PlannedSend,
  type RefreshResult,
  type SendDocumentOptions,
} from './manual-actions';
import { markNoResult } from './no-result';
import { createPendingCallbackStore } from './pending-callback-store';
import { applyReport, reconcileCallbacks, type ApplyResult } from './report-applier';
import { retryingTransaction } from './retry-transaction';
import { recordSend, type RecordResult } from './send-recorder';
import { createTransactionStore } from './transaction-store';

/** What one send did. `claimed: false` means another request or worker has the attempt. */
export interface SendResult {
  attemptId: number;
  claimed: boolean;
  /** The attempt's status afterwards. */
  status: AttemptStatus;
  outcome?: RegisterOutcome;
  recorded?: RecordResult;
}

/** A manual send, with the immediate send's result when it was sent at once. */
export type SendDocumentResult = PlannedSend & { sent?: SendResult };

export interface FiscalService {
  /** The first attempt of a document about to be stored, for the statement that stores it. */
  planFirstAttempt(document: Omit<FiscalDocument, 'id'>): FirstAttemptPlan;
  /** Creates the document's first attempt inside the caller's transaction; document → queued. */
  queueFirstAttempt(trx: Knex.Transaction, document: FiscalDocument): Promise<Attempt>;
  /** SEND_MODE=sync: claims the attempt (committed `sending`), sends it, records the answer. */
  sendAttemptNow(attemptId: number): Promise<SendResult>;
  /** Claims due and stale attempts for one worker; committed before any HTTP call. */
  claimDue(limit: number, workerId?: string): Promise<Attempt[]>;
  /** Sends a claimed attempt's stored body and records the answer. */
  sendClaimed(claim: Attempt): Promise<SendResult>;
  /** Applies a report, callback or refresh to the transaction with this uuid (idempotent). */
  applyReport(
    uuid: string,
    outcome: ApplicableOutcome,
    source: ResultSource,
    actor?: string,
  ): Promise<ApplyResult>;
  /** A manual send or resend; throws ConflictError when the exactly-once rules refuse it. */
  sendDocument(documentId: number, options: SendDocumentOptions): Promise<SendDocumentResult>;
  /** One report call for the document's newest transaction, applied. */
  refreshDocument(documentId: number, actor: string): Promise<RefreshResult>;
  /** One report call for a transaction, applied (the poller's default source is `poll`). */
  refreshTransaction(uuid: string, source?: ResultSource, actor?: string): Promise<RefreshResult>;
  /** Applies stored early callbacks for a uuid; the callback endpoint may call it too. */
  reconcileCallbacks(uuid: string): Promise<number>;
  /** The poller gave up on a waiting transaction: document failed, polling stops. */
  markNoResult(uuid: string, reason: string, actor?: string): Promise<boolean>;
  /** This process's worker id (attempts.locked_by). */
  readonly workerId: string;
}

function defaultWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
}

/** The fiscalization state machine: attempts, sends, transactions, reports, manual actions. */
export function createFiscalService(options: FiscalServiceOptions): FiscalService {
  const ctx: FiscalContext = {
    knex: options.knex,
    config: options.config,
    client: options.client,
    factory: options.factory,
    logger: options.logger.child({ module: 'fiscal' }),
    events: options.eventStore,
    attempts: createAttemptStore(options.knex),
    transactions: createTransactionStore(options.knex),
    callbacks: createPendingCallbackStore(),
    onFinal: options.onFinal ?? (() => Promise.resolve()),
    workerId: options.workerId ?? defaultWorkerId(),
    firstPollDelaySeconds: options.firstPollDelaySeconds ?? 5,
    cutOff: options.cutOff,
  };
  const lockTtlMs = ctx.config.queue.lockTtlMs;

  async function sendClaimed(claim: Attempt): Promise<SendResult> {
    const outcome = await register(claim);
    if (outcome.kind === 'unavailable' && ctx.cutOff?.aborted) return leaveSending(claim, outcome);
    const recorded = await recordSend(ctx, claim, outcome);
    // A lost claim belongs to another worker now: its status is whatever that one made it.
    const status = recorded.status ?? (await ctx.attempts.findById(claim.id))?.status;
    return {
      attemptId: claim.id,
      claimed: true,
      status: status ?? claim.status,
      outcome,
      recorded: recorded.result,
    };
  }

  /**
   * The shutdown cut the send off: ATOL may or may not have the receipt, and the try was not
   * ATOL's fault, so nothing is recorded. The attempt stays `sending`; once its lock runs out a
   * worker sends the same body with the same external id again, and ATOL answers 33 with the
   * uuid if it registered the first one.
   */
  function leaveSending(claim: Attempt, outcome: RegisterOutcome): SendResult {
    ctx.logger.warn('Send cut off by the shutdown; it is sent again when its lock runs out', {
      attemptId: claim.id,
      documentId: claim.documentId,
      lockedUntil: claim.lockedUntil,
    });
    return { attemptId: claim.id, claimed: true, status: claim.status, outcome };
  }

  async function register(claim: Attempt): Promise<RegisterOutcome> {
    const started = Date.now();
    try {
      return await ctx.client.register(claim.operation, claim.request, {
        documentId: claim.documentId,
        attemptId: claim.id,
      });
    } catch (error) {
      // The client answers with outcomes; anything thrown is a bug or a broken connection,
      // and the same external id is safe to send again.
      ctx.logger.error('ATOL client threw while registering', { attemptId: claim.id, error });
      const reason = error instanceof Error ? error.message : String(error);
      return { kind: 'unavailable', reason, durationMs: Date.now() - started };
    }
  }

  async function sendAttemptNow(attemptId: number): Promise<SendResult> {
    const claim = await ctx.knex.transaction(async (trx) => {
      const claimed = await ctx.attempts.claimOne(trx, attemptId, ctx.workerId, lockTtlMs);
      if (claimed) await ctx.events.record(trx, sendingEvent(claimed));
      return claimed;
    });
    if (claim) return sendClaimed(claim);
    const current = await ctx.attempts.findById(attemptId);
    return { attemptId, claimed: false, status: current?.status ?? 'error' };
  }

  return {
    workerId: ctx.workerId,

    planFirstAttempt: (document) => planFirstAttempt(ctx, document),

    async queueFirstAttempt(trx, document) {
      const { event, ...plan } = planFirstAttempt(ctx, document);
      const owner = { companyKey: document.companyKey, documentId: document.id };
      const attempt = await ctx.attempts.insert(trx, { ...plan, ...owner });
      await moveDocument(trx, document.id, ['stored', 'queued'], 'queued');
      await ctx.events.record(trx, {
        ...event,
        ...owner,
        data: { attemptId: attempt.id, ...event.data },
      });
      return attempt;
    },

    sendAttemptNow,

    async claimDue(limit, workerId = ctx.workerId) {
      return ctx.knex.transaction(async (trx) => {
        const claims = await ctx.attempts.claimDue(trx, limit, workerId, lockTtlMs);
        await ctx.events.recordMany(trx, claims.map(sendingEvent));
        return claims;
      });
    },

    sendClaimed,

    applyReport: (uuid, outcome, source, actor) => applyReport(ctx, uuid, outcome, source, actor),

    async sendDocument(documentId, sendOptions) {
      const sendNow = sendOptions.sendNow ?? ctx.config.sendMode === 'sync';
      const planned = await retryingTransaction(ctx.knex, (trx) =>
        planSend(ctx, trx, documentId, { ...sendOptions, sendNow }),
      );
      if (!sendNow || planned.action === 'in_flight') return planned;
      return { ...planned, sent: await sendAttemptNow(planned.attemptId) };
    },

    refreshDocument: (documentId, actor) => refreshDocument(ctx, documentId, actor),
    refreshTransaction: (uuid, source = 'poll', actor) =>
      refreshTransaction(ctx, uuid, source, actor),
    reconcileCallbacks: (uuid) => reconcileCallbacks(ctx, uuid),
    markNoResult: (uuid, reason, actor) => markNoResult(ctx, uuid, reason, actor),
  };
}

/** The history entry of a claimed attempt about to be sent. */
function sendingEvent(claim: Attempt): NewEvent {
  return {
    companyKey: claim.companyKey,
    documentId: claim.documentId,
    type: 'sending',
    message: `Sending ${claim.externalId} to ATOL, try ${claim.tries}`,
    data: { attemptId: claim.id, externalId: claim.externalId, try: claim.tries },
  };
}
