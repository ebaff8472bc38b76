import type { Knex } from 'knex';
import type { AtolOperation } from '../atol/atol-types';
import { externalIdFor } from '../receipt/external-id';
import { operationFor } from '../receipt/receipt-engine';
import type { FiscalConfig, FiscalContext } from './fiscal-context';
import type { NewAttempt } from './attempt-store';
import type { Attempt, FiscalDocument } from './fiscal-types';

/** The full callback URL that goes into `service.callback_url` (src/status serves it). */
export function callbackUrlOf(config: FiscalConfig): string {
  return `${config.publicUrl.replace(/\/+$/, '')}${config.callbackPath}`;
}

/**
 * The exact ATOL body for a document under one external id, built from the stored receipt. The
 * timestamp is the document's own date (ATOL's "date of the external system's document"), so a
 * rebuilt body says the same as the first one and VAT rates are judged by the same date.
 */
export function buildRequest(
  ctx: FiscalContext,
  document: Pick<FiscalDocument, 'receipt' | 'documentDate'>,
  operation: AtolOperation,
  externalId: string,
): object {
  return ctx.factory.build({
    apiVersion: ctx.config.atol.apiVersion,
    operation,
    receipt: document.receipt,
    externalId,
    callbackUrl: callbackUrlOf(ctx.config),
    timestamp: document.documentDate,
    timeZone: ctx.config.timeZone,
  });
}

export interface AttemptPlan {
  generation: number;
  /** Stored on the attempt and replayed as is: a refund can never be retried as a sale. */
  operation: AtolOperation;
  dueInSeconds: number;
}

/**
 * A document's first attempt, as the shop API writes it in the statement that stores the
 * document: the exact ATOL body under generation 1 of its external id, and the history entry.
 * The attempt's id is not known until it is inserted; whoever inserts it adds it to the
 * entry's data as `attemptId`.
 */
export interface FirstAttemptPlan extends Omit<NewAttempt, 'companyKey' | 'documentId'> {
  event: { type: 'queued'; message: string; data: { externalId: string; operation: string } };
}

/** The first attempt of a document not yet stored (no id needed: the body is built from the receipt). */
export function planFirstAttempt(
  ctx: FiscalContext,
  document: Omit<FiscalDocument, 'id'>,
): FirstAttemptPlan {
  const operation = operationFor(document.kind);
  const generation = 1;
  const externalId = externalIdFor({ ...document, generation });
  return {
    operation,
    externalId,
    generation,
    apiVersion: ctx.config.atol.apiVersion,
    request: buildRequest(ctx, document, operation, externalId),
    dueInSeconds: firstDueInSeconds(ctx.config, ctx.config.sendMode === 'sync'),
    event: {
      type: 'queued',
      message: `Queued as ${operation} with external id ${externalId}`,
      data: { externalId, operation },
    },
  };
}

/** Inserts a `new` attempt for the given generation of the document's external id. */
export async function insertAttempt(
  ctx: FiscalContext,
  trx: Knex.Transaction,
  document: FiscalDocument,
  plan: AttemptPlan,
): Promise<Attempt> {
  const externalId = externalIdFor({
    companyKey: document.companyKey,
    kind: document.kind,
    shopId: document.shopId,
    generation: plan.generation,
  });
  return ctx.attempts.insert(trx, {
    companyKey: document.companyKey,
    documentId: document.id,
    operation: plan.operation,
    externalId,
    generation: plan.generation,
    apiVersion: ctx.config.atol.apiVersion,
    request: buildRequest(ctx, document, plan.operation, externalId),
    dueInSeconds: plan.dueInSeconds,
  });
}

/**
 * When a new attempt is due. In sync mode the request that created it sends it at once, so it
 * is held back from the workers for one lock period: they take it only if that request died.
 */
export function firstDueInSeconds(config: FiscalConfig, sendNow: boolean): number {
  return sendNow ? config.queue.lockTtlMs / 1000 : 0;
}
