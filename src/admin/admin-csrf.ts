import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import { ForbiddenError } from '../errors/errors';

/** The name of the hidden form field that carries the token. */
export const CSRF_FIELD = '_csrf';

export interface CsrfOptions {
  /** HMAC key; the router passes the admin login, so a new password voids old tokens. */
  secret: string;
  /** How long a token from a rendered page stays valid. */
  ttlMs?: number;
  now?: () => number;
}

export interface CsrfTokens {
  /** A token for the forms of a page shown to `user`. */
  issue(user: string): string;
  /** True when `token` was issued for `user` by this key and has not expired. */
  verify(user: string, token: unknown): boolean;
}

const DEFAULT_TTL_MS = 12 * 60 * 60 * 1000;

/**
 * Synchronizer tokens without server state: `issuedAt.HMAC(key, user|issuedAt)`. Browsers send
 * Basic credentials with any cross-site form post, so the login alone proves nothing; a token
 * can only come from a page this server rendered for the same login, and a foreign site cannot
 * read our pages.
 */
export function createCsrfTokens(options: CsrfOptions): CsrfTokens {
  const key = crypto.createHash('sha256').update(`kkm-admin-csrf\n${options.secret}`).digest();
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const now = options.now ?? Date.now;
  const sign = (user: string, issuedAt: string): Buffer =>
    crypto.createHmac('sha256', key).update(`${user}\n${issuedAt}`).digest();

  return {
    issue(user) {
      const issuedAt = String(now());
      return `${issuedAt}.${sign(user, issuedAt).toString('base64url')}`;
    },

    verify(user, token) {
      if (typeof token !== 'string') return false;
      const match = /^(\d{1,16})\.([A-Za-z0-9_-]{43})$/.exec(token);
      if (!match?.[1] || !match[2]) return false;

      const age = now() - Number(match[1]);
      if (age < 0 || age > ttlMs) return false;
      return crypto.timingSafeEqual(Buffer.from(match[2], 'base64url'), sign(user, match[1]));
    },
  };
}

/**
 * Refuses (403) a form post whose token is missing, forged or expired, before any handler runs.
 * Needs `res.locals.adminUser` (set by the login check) and a parsed urlencoded body.
 */
export function requireCsrfToken(tokens: CsrfTokens): RequestHandler {
  return (req, res, next) => {
    const body: unknown = req.body;
    const token = body && typeof body === 'object' ? Reflect.get(body, CSRF_FIELD) : undefined;
    const user = String(res.locals.adminUser ?? '');
    if (!tokens.verify(user, token)) {
      next(new ForbiddenError('The form is out of date or did not come from this site.'));
      return;
    }
    next();
  };
}
