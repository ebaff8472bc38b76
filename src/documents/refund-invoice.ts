import type { Knex } from 'knex';
import { UnprocessableError } from '../errors/errors';
import { formatKopecks } from '../money/kopecks';
import type { DocumentStore } from './document-store';
import type { StoredDocument } from './document-types';

/** What a refund's `invoiceId` names, as the POST and the preview both see it. */
export interface InvoiceOfRefund {
  /** The stored invoice; absent when the shop may have fiscalised it elsewhere. */
  invoice?: StoredDocument;
  /** Remarks for the refund's history, e.g. `invoice_not_found`. */
  notes: Array<{ type: string; message: string; data?: unknown }>;
}

/** The refund being stored: its shop id, its invoice's and its total. */
export interface RefundTotal {
  shopId: string;
  invoiceId: string;
  totalKopecks: number;
}

export interface RefundInvoices {
  /**
   * The invoice a refund names. 422 (field invoiceId) when the id is a refund's; a note, not
   * an error, when nothing is stored under it.
   */
  find(invoiceId: string | undefined): Promise<InvoiceOfRefund>;
  /**
   * 422 (field total) when the refund is larger than what is left of its stored invoice after
   * the refunds stored for it. Call it in the transaction that inserts the refund: the invoice
   * row stays locked until then, so two refunds posted at once cannot both fit.
   */
  checkTotal(trx: Knex.Transaction, refund: RefundTotal): Promise<void>;
}

/** The stored invoices behind refunds: the document service and the preview share it. */
export function createRefundInvoices(store: DocumentStore, companyKey: string): RefundInvoices {
  return {
    async find(invoiceId) {
      if (invoiceId === undefined) return { notes: [] };
      const found = await store.findRefundedInvoice({ companyKey, invoiceId });
      if (found) return { invoice: found.invoice, notes: [] };

      const key = { companyKey, kind: 'refund' as const, shopId: invoiceId };
      if (await store.findByShopId(key)) {
        throw new UnprocessableError(`invoiceId ${invoiceId} names a refund, not an invoice`, [
          { path: 'invoiceId', message: 'names a refund; a refund refunds an invoice' },
        ]);
      }
      const message =
        `Invoice ${invoiceId} not found: the refund is accepted as it is ` +
        '(the shop may have fiscalised the invoice elsewhere)';
      return { notes: [{ type: 'invoice_not_found', message, data: { invoiceId } }] };
    },

    async checkTotal(trx, { shopId, invoiceId, totalKopecks }) {
      const key = { companyKey, invoiceId, except: shopId };
      const found = await store.findRefundedInvoice(key, trx);
      if (!found) return;
      const left = found.invoice.totalKopecks - found.refundedKopecks;
      if (totalKopecks <= left) return;
      throw new UnprocessableError(
        `The refund (${formatKopecks(totalKopecks)}) is larger than what is left of invoice ` +
          `${invoiceId} (${formatKopecks(left)} of ${formatKopecks(found.invoice.totalKopecks)})`,
        [{ path: 'total', message: `exceeds the invoice's ${formatKopecks(left)} left to refund` }],
      );
    },
  };
}
