/**
 * ATOL tokens live 24 hours (reference §1.3). We keep one per company a little less than that,
 * so a token is never used in its last minutes, and refresh it only when it is old or ATOL
 * rejects it (10/11).
 */
export const TOKEN_TTL_MS = 23 * 60 * 60 * 1000 + 55 * 60 * 1000;

export interface AtolTokenCache {
  /**
   * The cached token for `key`, or a new one from `fetchToken`. Concurrent callers share one
   * fetch: at most one getToken per company is in flight.
   */
  get(key: string, fetchToken: () => Promise<string>): Promise<string>;
  /**
   * Forgets `token` after ATOL rejected it. A token that was already replaced is left alone, so
   * callers that all failed on the same old token cause one refresh, not one each.
   */
  invalidate(key: string, token: string): void;
}

export interface AtolTokenCacheOptions {
  ttlMs?: number;
  now?: () => number;
}

interface Entry {
  token?: string;
  expiresAt: number;
  pending?: Promise<string>;
}

/** Creates a token cache; share one between clients of the same company to share tokens. */
export function createAtolTokenCache(options: AtolTokenCacheOptions = {}): AtolTokenCache {
  const ttlMs = options.ttlMs ?? TOKEN_TTL_MS;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();

  function refresh(key: string, entry: Entry, fetchToken: () => Promise<string>): Promise<string> {
    const pending = fetchToken().then(
      (token) => {
        entries.set(key, { token, expiresAt: now() + ttlMs });
        return token;
      },
      (error: unknown) => {
        // A failed fetch must not stick: the next caller tries again.
        if (entries.get(key)?.pending === pending) entries.delete(key);
        throw error;
      },
    );
    entries.set(key, { ...entry, pending });
    return pending;
  }

  return {
    get(key, fetchToken) {
      const entry = entries.get(key) ?? { expiresAt: 0 };
      if (entry.pending) return entry.pending;
      if (entry.token !== undefined && entry.expiresAt > now()) return Promise.resolve(entry.token);
      return refresh(key, entry, fetchToken);
    },

    invalidate(key, token) {
      const entry = entries.get(key);
      if (entry && !entry.pending && entry.token === token) entries.delete(key);
    },
  };
}
