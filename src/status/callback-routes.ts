import crypto from 'node:crypto';
import { NextFunction, Request, Response, Router } from 'express';
import type { RouteMount } from '../http/app';
import { jsonBody } from '../http/json-body';
import type { CallbackService } from './callback-service';

export interface CallbackRoutesDeps {
  /** config.callbackPath: `/kkm/callback/{CALLBACK_SECRET}`; its last segment is the secret. */
  callbackPath: string;
  service: Pick<CallbackService, 'receive'>;
}

/** A report body is a few kilobytes; anything much larger is not from ATOL. */
const BODY_LIMIT = '64kb';

function digest(value: string): Buffer {
  return crypto.createHash('sha256').update(value).digest();
}

/** Compares in constant time; hashing first makes the lengths equal. */
export function sameSecret(given: string, expected: string): boolean {
  return crypto.timingSafeEqual(digest(given), digest(expected));
}

/** Splits `/kkm/callback/s3cret` into the mount path and the secret segment. */
export function splitCallbackPath(callbackPath: string): { mount: string; secret: string } {
  const cut = callbackPath.lastIndexOf('/');
  return { mount: callbackPath.slice(0, cut) || '/', secret: callbackPath.slice(cut + 1) };
}

/**
 * The ATOL callback endpoint. The secret in the path is the only thing that tells ATOL from
 * anyone else (reference §6), so a wrong one falls through to the app's 404, the same answer
 * as every unknown route. GET and HEAD answer 200 for URL checks and change nothing.
 */
export function createCallbackRoutes(deps: CallbackRoutesDeps): RouteMount {
  const { mount, secret } = splitCallbackPath(deps.callbackPath);
  const router = Router();

  const guard = (req: Request, _res: Response, next: NextFunction): void => {
    next(sameSecret(String(req.params.secret), secret) ? undefined : 'route');
  };
  // ATOL's content type is not documented: whatever it is, the body is read as JSON.
  const readJson = jsonBody({ anyContentType: true, limit: BODY_LIMIT });

  router.get('/:secret', guard, (_req, res) => {
    res.status(200).json({ status: 'ok' });
  });
  router.post('/:secret', guard, ...readJson, async (req, res) => {
    const { id } = await deps.service.receive(req.body);
    res.status(200).json({ status: 'accepted', id });
  });

  return { path: mount, router, readsOwnBody: true };
}
