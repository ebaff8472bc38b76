import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import { html } from './html';
import { renderPage } from './admin-layout';

export interface AdminCredentials {
  user: string;
  password: string;
}

const REALM = 'kkm admin';

// Both sides are hashed first so the comparison takes the same time whatever the lengths, and
// timingSafeEqual (which throws on unequal lengths) always sees two 32-byte digests.
function sameText(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given, 'utf8').digest();
  const b = crypto.createHash('sha256').update(expected, 'utf8').digest();
  return crypto.timingSafeEqual(a, b);
}

/** The user and password of an `Authorization: Basic …` header, or undefined. */
export function parseBasicAuth(header: string | undefined): AdminCredentials | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;

  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** True when the given credentials are the configured ones, compared in constant time. */
export function checkCredentials(given: AdminCredentials, expected: AdminCredentials): boolean {
  // Both comparisons always run (`&`, not `&&`) so a right user name is not told by timing.
  const userOk = sameText(given.user, expected.user);
  const passwordOk = sameText(given.password, expected.password);
  return expected.password.length > 0 && Boolean(Number(userOk) & Number(passwordOk));
}

/**
 * HTTP Basic authentication for the admin pages. On success the user name is kept in
 * `res.locals.adminUser`; otherwise a 401 asks the browser for the login.
 */
export function requireAdminLogin(expected: AdminCredentials): RequestHandler {
  return (req, res, next) => {
    const given = parseBasicAuth(req.headers.authorization);
    if (given && checkCredentials(given, expected)) {
      res.locals.adminUser = given.user;
      next();
      return;
    }

    res.status(401);
    res.setHeader('WWW-Authenticate', `Basic realm="${REALM}", charset="UTF-8"`);
    res.type('html').send(
      renderPage({
        title: 'Login required',
        body: html`<div class="card">
          <h1>Login required</h1>
          <p>The admin pages need the ADMIN_USER and ADMIN_PASSWORD login.</p>
        </div>`,
      }),
    );
  };
}
