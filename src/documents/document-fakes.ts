import type { Knex } from 'knex';
import type { EventRecorder, FiscalPort, ManualSendOptions, NewEvent } from './document-ports';
import type { DocumentHistoryStore } from './document-history-store';
import type { DocumentStore } from './document-store';
import type { DocumentKind, StoredDocument } from './document-types';
import type { BuiltShopReceipt, ReceiptEnginePort } from './receipt-engine-port';

// In-memory stand-ins for the document service's dependencies, for unit tests.

/** A documents table in memory with the same unique key as the real one. */
export class FakeDocumentStore implements DocumentStore {
  readonly rows: StoredDocument[] = [];

  async insert(_trx: unknown, document: Omit<StoredDocument, 'id' | 'createdAt' | 'updatedAt'>) {
    const key = (row: StoredDocument) => `${row.companyKey}/${row.kind}/${row.shopId}`;
    const now = new Date();
    const row: StoredDocument = {
      ...document,
      id: this.rows.length + 1,
      createdAt: now,
      updatedAt: now,
    };
    if (this.rows.some((existing) => key(existing) === key(row))) return undefined;
    this.rows.push(row);
    return row;
  }

  async findById(id: number) {
    return this.rows.find((row) => row.id === id);
  }

  async findByShopId(key: { companyKey: string; kind: DocumentKind; shopId: string }) {
    return this.rows.find(
      (row) =>
        row.companyKey === key.companyKey && row.kind === key.kind && row.shopId === key.shopId,
    );
  }

  async list() {
    return { documents: [...this.rows].reverse() };
  }

  async count() {
    return this.rows.length;
  }

  async findRefundedInvoice(key: { companyKey: string; invoiceId: string; except?: string }) {
    const { companyKey, invoiceId, except } = key;
    const invoice = await this.findByShopId({ companyKey, kind: 'invoice', shopId: invoiceId });
    if (!invoice) return undefined;
    const refundedKopecks = this.rows
      .filter((row) => row.companyKey === companyKey && row.kind === 'refund')
      .filter((row) => row.invoiceId === invoiceId && row.shopId !== except)
      .reduce((sum, row) => sum + row.totalKopecks, 0);
    return { invoice, refundedKopecks };
  }
}

export class FakeHistoryStore implements DocumentHistoryStore {
  async historyOf() {
    return { attempts: [], transactions: [], events: [] };
  }

  async lastTransactions() {
    return new Map();
  }
}

export class FakeEventRecorder implements EventRecorder {
  readonly events: NewEvent[] = [];

  async record(_trx: unknown, event: NewEvent) {
    this.events.push(event);
  }
}

/** Records what the document service asked of the fiscal core. */
export class FakeFiscal implements FiscalPort {
  readonly queued: number[] = [];
  readonly sentNow: number[] = [];
  readonly manual: Array<{ documentId: number } & ManualSendOptions> = [];
  failSendNow = false;

  async queueFirstAttempt(_trx: unknown, document: StoredDocument) {
    this.queued.push(document.id);
    return { id: 100 + document.id };
  }

  async sendAttemptNow(attemptId: number) {
    this.sentNow.push(attemptId);
    if (this.failSendNow) throw new Error('ATOL down');
  }

  async sendDocument(documentId: number, options: ManualSendOptions) {
    this.manual.push({ documentId, ...options });
  }

  async refreshDocument() {
    return undefined;
  }
}

/** A receipt engine that takes `{ id, total, invoiceId? }` bodies and records build contexts. */
export class FakeReceiptEngine implements ReceiptEnginePort {
  readonly contexts: Array<{ invoiceDate?: Date }> = [];

  parse(_kind: DocumentKind, body: unknown) {
    const { id, total, invoiceId } = body as { id: string; total: number; invoiceId?: string };
    return {
      id,
      invoiceId,
      canonical: body,
      buildReceipt: (context: { invoiceDate?: Date }): BuiltShopReceipt => {
        this.contexts.push(context);
        return {
          receipt: { lines: [], payments: [], totalKopecks: total },
          totalKopecks: total,
          documentDate: new Date('2026-12-03T07:15:00Z'),
          notes: [{ type: 'vat_remapped', message: 'vat20 sent as vat22' }],
        };
      },
    };
  }
}

/** Just enough of knex for the service: a transaction that runs its callback. */
export const fakeKnex = {
  transaction: <T>(run: (trx: unknown) => Promise<T>) => run({}),
} as unknown as Knex;
