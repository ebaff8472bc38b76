import type { Knex } from 'knex';
import type { AcceptedEvent } from './accept-statement';
import type { FirstAttempt, FiscalPort, ManualSendOptions } from './document-ports';
import type { DocumentHistory, DocumentHistoryStore } from './document-history-store';
import type { AcceptedDocument, DocumentStore } from './document-store';
import type { DocumentKind, StoredDocument } from './document-types';
import type { BuiltShopReceipt, ReceiptEnginePort } from './receipt-engine-port';

// In-memory stand-ins for the document service's dependencies, for unit tests.

/** A documents table in memory with the same unique key as the real one. */
export class FakeDocumentStore implements DocumentStore {
  readonly rows: StoredDocument[] = [];

  /** Every history entry written with an accepted document, in order. */
  readonly events: AcceptedEvent[] = [];
  /** Ids of the documents stored with a first attempt. */
  readonly queued: number[] = [];

  async insertAccepted(_db: unknown, accepted: AcceptedDocument) {
    const key = (row: StoredDocument) => `${row.companyKey}/${row.kind}/${row.shopId}`;
    const now = new Date();
    const id = this.rows.length + 1;
    const document: StoredDocument = { ...accepted.document, id, createdAt: now, updatedAt: now };
    if (this.rows.some((existing) => key(existing) === key(document))) return undefined;
    this.rows.push(document);
    this.events.push(...accepted.events);
    const history: DocumentHistory = { attempts: [], transactions: [], events: [] };
    const plan = accepted.firstAttempt;
    if (plan) {
      this.queued.push(id);
      this.events.push(plan.event);
      history.attempts.push({
        ...plan,
        id: 100 + id,
        status: 'new',
        tries: 0,
        httpStatus: null,
        durationMs: null,
        error: null,
        nextTryAt: now,
        createdAt: now,
        updatedAt: now,
      });
    }
    return { document, history };
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

/** Records what the document service asked of the fiscal core. */
export class FakeFiscal implements FiscalPort {
  readonly planned: string[] = [];
  readonly sentNow: number[] = [];
  readonly manual: Array<{ documentId: number } & ManualSendOptions> = [];
  failSendNow = false;

  planFirstAttempt(document: Pick<StoredDocument, 'kind' | 'shopId'>): FirstAttempt {
    this.planned.push(document.shopId);
    const externalId = `default.${document.kind}.${document.shopId}`;
    const data = { externalId, operation: 'sell' };
    return {
      operation: 'sell',
      externalId,
      generation: 1,
      apiVersion: 4,
      request: {},
      dueInSeconds: 0,
      event: { type: 'queued', message: `Queued as sell with external id ${externalId}`, data },
    };
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
