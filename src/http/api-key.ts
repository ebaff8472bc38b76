import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { UnauthorizedError } from '../errors/errors';

function digest(value: string): Buffer {
  return crypto.createHash('sha256').update(value).digest();
}

/**
 * Lets a request through only with `Authorization: Bearer <one of keys>`. Keys are compared as
 * SHA-256 digests with timingSafeEqual, and every key is checked, so neither the length nor the
 * position of a key leaks through the response time.
 */
export function requireApiKey(keys: readonly string[]) {
  const digests = keys.map(digest);
  return (req: Request, _res: Response, next: NextFunction): void => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    if (!match?.[1]) {
      next(new UnauthorizedError('Send the API key as Authorization: Bearer <key>'));
      return;
    }
    const given = digest(match[1]);
    let found = false;
    for (const candidate of digests) found = crypto.timingSafeEqual(given, candidate) || found;
    next(found ? undefined : new UnauthorizedError('The API key is not valid'));
  };
}
