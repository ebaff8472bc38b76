import type { Knex } from 'knex';
import type { AtolOperation } from '../atol/atol-types';
import { externalIdFor } from '../receipt/external-id';
import type { FiscalConfig, FiscalContext } from './fiscal-context';
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
  document: FiscalDocument,
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
