import type { NextFunction, Request, Response } from 'express';
import { AppError, NotFoundError, PayloadTooLargeError } from '../errors/errors';
import type { Logger } from '../logger/logger';
import { unsupportedMediaType } from './json-body';

interface BodyParserError {
  type: string;
  status: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { type?: unknown }).type === 'string' &&
    typeof (error as { status?: unknown }).status === 'number'
  );
}

/** Maps errors that body-parser raises to our own; their messages are not shown as they are. */
function fromBodyParser(error: BodyParserError): AppError {
  if (error.type === 'entity.too.large') return new PayloadTooLargeError();
  if (error.type === 'entity.parse.failed') {
    return new AppError('Request body is not valid JSON', { status: 400, code: 'malformed_json' });
  }
  // A JSON body in a charset other than UTF-8.
  if (error.status === 415) return unsupportedMediaType();
  const status = error.status >= 400 && error.status < 500 ? error.status : 400;
  return new AppError('Request body cannot be read', { status, code: 'bad_request' });
}

/** The last route: anything not matched so far is a 404 in our error shape. */
export function notFound() {
  return (req: Request, _res: Response, next: NextFunction): void => {
    next(new NotFoundError(`No route for ${req.method} ${req.path}`));
  };
}

/**
 * The one error handler. AppErrors become their status, code, message and details; anything
 * else is a 500 with a generic message, its stack only in the log. Clients never see stacks,
 * SQL or driver messages.
 */
export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const known =
      error instanceof AppError ? error : isBodyParserError(error) ? fromBodyParser(error) : null;

    if (known === null) {
      logger.error('Request failed', { error, method: req.method, path: req.originalUrl });
      res.status(500).json({
        error: { code: 'internal_error', message: 'Internal server error' },
        requestId: req.id,
      });
      return;
    }

    const level = known.status >= 500 ? 'warn' : 'debug';
    logger.log(level, `Request refused: ${known.code}`, {
      status: known.status,
      cause: known.cause,
    });
    if (known.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
    res.status(known.status).json({
      error: { code: known.code, message: known.message, ...known.details },
      requestId: req.id,
    });
  };
}
