import crypto from 'node:crypto';
import type { EmulatorAccount, EmulatorDocument } from './emulator-types';

export interface IssuedToken {
  account: EmulatorAccount;
  expiresAt: number;
}

/** Counters over the emulator's life (since start or the last reset). */
export interface EmulatorTotals {
  tokensIssued: number;
  registerRequests: number;
  /** New documents created (each is one receipt once done). */
  accepted: number;
  /** Register calls answered 33. */
  duplicates: number;
  /** Register calls answered 32. */
  invalid: number;
  reportRequests: number;
  done: number;
  failed: number;
  callbacksDelivered: number;
  callbacksFailed: number;
  /** Not sent: no URL, a URL that fails ATOL's mask, or a "lost callback" fault. */
  callbacksSkipped: number;
}

/** Per external id: how many receipts it produced, for "nothing registered twice" checks. */
export interface ExternalIdSummary {
  /** Fiscalised receipts (documents done) with this external id, across groups. */
  receipts: number;
  /** Register calls with this external id, duplicates (33) included. */
  submissions: number;
  documents: Array<{ uuid: string; groupCode: string; status: EmulatorDocument['status'] }>;
}

const emptyTotals = (): EmulatorTotals => ({
  tokensIssued: 0,
  registerRequests: 0,
  accepted: 0,
  duplicates: 0,
  invalid: 0,
  reportRequests: 0,
  done: 0,
  failed: 0,
  callbacksDelivered: 0,
  callbacksFailed: 0,
  callbacksSkipped: 0,
});

/** The emulator's memory: tokens, documents and the (group, external_id) → uuid index. */
export function createEmulatorState(tokenTtlMs: number) {
  const tokens = new Map<string, IssuedToken>();
  const documents = new Map<string, EmulatorDocument>();
  const byExternalId = new Map<string, EmulatorDocument>();
  let totals = emptyTotals();

  const indexKey = (groupCode: string, externalId: string): string =>
    `${groupCode}\u0000${externalId}`;

  function pruneTokens(now: number): void {
    for (const [token, issued] of tokens) if (issued.expiresAt <= now) tokens.delete(token);
  }

  return {
    get totals(): EmulatorTotals {
      return totals;
    },

    /** A new token for the account (reference §12: 24-hour tokens of random hex). */
    issueToken(account: EmulatorAccount, now = Date.now()): string {
      if (tokens.size >= 1000) pruneTokens(now);
      const token = crypto.randomBytes(32).toString('hex');
      tokens.set(token, { account, expiresAt: now + tokenTtlMs });
      totals.tokensIssued += 1;
      return token;
    },

    findToken(token: string): IssuedToken | undefined {
      return tokens.get(token);
    },

    /** Every token expires now: the next call with one answers 11. */
    expireTokens(now = Date.now()): number {
      for (const issued of tokens.values()) issued.expiresAt = Math.min(issued.expiresAt, now);
      return tokens.size;
    },

    findByExternalId(groupCode: string, externalId: string): EmulatorDocument | undefined {
      return byExternalId.get(indexKey(groupCode, externalId));
    },

    findDocument(uuid: string): EmulatorDocument | undefined {
      return documents.get(uuid);
    },

    addDocument(document: EmulatorDocument): void {
      documents.set(document.uuid, document);
      byExternalId.set(indexKey(document.groupCode, document.externalId), document);
      totals.accepted += 1;
    },

    documents(): IterableIterator<EmulatorDocument> {
      return documents.values();
    },

    /** Receipts per external id, optionally for one id only. */
    summarize(externalId?: string): Record<string, ExternalIdSummary> {
      const result: Record<string, ExternalIdSummary> = {};
      for (const document of documents.values()) {
        if (externalId !== undefined && document.externalId !== externalId) continue;
        const summary = (result[document.externalId] ??= {
          receipts: 0,
          submissions: 0,
          documents: [],
        });
        if (document.status === 'done') summary.receipts += 1;
        summary.submissions += document.submissions;
        summary.documents.push({
          uuid: document.uuid,
          groupCode: document.groupCode,
          status: document.status,
        });
      }
      return result;
    },

    /** Forgets documents and counters; tokens stay valid so clients need not log in again. */
    reset(): void {
      documents.clear();
      byExternalId.clear();
      totals = emptyTotals();
    },
  };
}

export type EmulatorState = ReturnType<typeof createEmulatorState>;
