import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import express, { type NextFunction, type Request, type RequestHandler } from 'express';
import { AppError, ValidationError } from '../errors/errors';
import { findDuplicateKey } from './duplicate-keys';
import { findUnstorableText } from './unstorable-text';

export interface JsonBodyOptions {
  /** The largest body accepted, in bytes or as `64kb`. */
  limit: number | string;
  /** Read every content type as JSON (ATOL's callback: its content type is not documented). */
  anyContentType?: boolean;
  /** Refuse a key given twice in one object (shop API bodies); JSON.parse keeps the last. */
  refuseDuplicateKeys?: boolean;
}

/**
 * The one way a JSON body is read: strict UTF-8 (broken byte sequences would otherwise become
 * U+FFFD and be stored as if sent), optionally no duplicate keys, and no text the database
 * cannot store (NUL, lone surrogates). Each problem is a 400 naming the field.
 */
export function jsonBody(options: JsonBodyOptions): RequestHandler[] {
  const refuseDuplicates = options.refuseDuplicateKeys ?? false;
  const verify = (_req: IncomingMessage, _res: unknown, body: Buffer): void => {
    if (!isUtf8(body)) {
      throw new AppError('Request body is not valid UTF-8', { status: 400, code: 'invalid_utf8' });
    }
    const duplicate = refuseDuplicates ? findDuplicateKey(body) : undefined;
    if (duplicate !== undefined) {
      throw new ValidationError('Request body has a duplicate key', [
        { path: duplicate, message: 'is given more than once' },
      ]);
    }
  };
  const parse = express.json({
    limit: options.limit,
    verify,
    ...(options.anyContentType ? { type: () => true } : {}),
  });
  return [parse, refuseUnstorableBody];
}

function refuseUnstorableBody(req: Request, _res: unknown, next: NextFunction): void {
  const problems = req.body === undefined ? [] : findUnstorableText(req.body);
  if (problems.length > 0) throw new ValidationError('The body has unusable text', problems);
  next();
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

function hasBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  return Number(req.headers['content-length'] ?? 0) > 0;
}

/**
 * After the app's parsers: a body that none of them read (text, multipart, no Content-Type)
 * is a 415 naming the type we take, not a validation error about an empty object. Routes that
 * read any content type (ATOL's callback) are mounted before this check.
 */
export function refuseUnreadBody(): RequestHandler {
  return (req, _res, next) => {
    if (req.body === undefined && BODY_METHODS.has(req.method) && hasBody(req)) {
      throw unsupportedMediaType();
    }
    next();
  };
}

/** 415 with the stable code; also used for a JSON body in a charset other than UTF-8. */
export function unsupportedMediaType(): AppError {
  return new AppError('Send the body as JSON with Content-Type: application/json', {
    status: 415,
    code: 'unsupported_media_type',
  });
}

/**
 * The JSON body of a route that needs one. A body sent as anything but JSON (curl's `-d` alone
 * sends a form) is a 415, not a list of missing fields of what another parser made of it.
 */
export function requireJsonBody(req: Request): unknown {
  if (!req.is('application/json')) throw unsupportedMediaType();
  return req.body;
}

/** The JSON body of a route whose body is optional: undefined when none was sent. */
export function optionalJsonBody(req: Request): unknown {
  return hasBody(req) ? requireJsonBody(req) : undefined;
}
