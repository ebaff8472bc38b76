import type { NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import { fieldsFromIssues, ValidationError } from '../errors/errors';

/** Parses `value` with `schema`, or throws a ValidationError naming every failing field. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what = 'body',
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ValidationError(`Request ${what} is invalid`, fieldsFromIssues(result.error.issues));
}

/**
 * Validates the JSON body against a zod schema and replaces `req.body` with the parsed value,
 * so the handler sees defaults and transforms applied. A failure is a 400 listing every field.
 */
export function validateBody<S extends z.ZodType>(schema: S) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    req.body = parseWith(schema, req.body ?? {});
    next();
  };
}
