import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { runWithLogContext } from '../logger/log-context';

declare module 'express-serve-static-core' {
  interface Request {
    /** The request id: the caller's X-Request-Id when it looks sane, else a fresh UUID. */
    id: string;
  }
}

const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every request an id, echoes it in X-Request-Id, and runs the rest of the request inside
 * a log context so every log line written while handling it carries `requestId`.
 */
export function requestContext() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const given = req.get('x-request-id');
    const id = given !== undefined && SANE_ID.test(given) ? given : crypto.randomUUID();
    req.id = id;
    res.locals.requestId = id;
    res.setHeader('X-Request-Id', id);
    runWithLogContext({ requestId: id }, next);
  };
}
