import { moveDocument } from './document-state';
import type { FiscalContext } from './fiscal-context';

/**
 * The poller gave up on a transaction that stayed `wait` too long. The document is failed for a
 * person to look at, but the transaction stays `wait`: ATOL may still have registered the
 * receipt, so no new external id is allowed, and a late callback or a manual refresh can still
 * make the document done.
 */
export async function markNoResult(
  ctx: FiscalContext,
  uuid: string,
  reason: string,
  actor?: string,
): Promise<boolean> {
  return ctx.knex.transaction(async (trx) => {
    const transaction = await ctx.transactions.findByUuid(uuid, trx);
    if (transaction?.status !== 'wait') return false;

    const moved = await moveDocument(trx, transaction.documentId, ['wait'], 'failed');
    if (!moved) return false;
    await ctx.transactions.stopPolling(trx, uuid);
    const where = { companyKey: transaction.companyKey, documentId: transaction.documentId };
    await ctx.events.record(trx, {
      ...where,
      type: 'no_result',
      message: reason,
      data: { uuid },
      ...(actor === undefined ? {} : { actor }),
    });
    await ctx.onFinal(trx, { ...where, status: 'failed', reason });
    return true;
  });
}
