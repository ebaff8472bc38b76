import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { AppError } from '../errors/errors';

/**
 * body-parser's `verify` hook: refuses a body that is not valid UTF-8. Without it, broken byte
 * sequences are decoded into U+FFFD replacement characters and would be stored and sent to
 * ATOL as if the shop had written them. (Owner of this check: the shop API, issue 5.)
 */
export function rejectInvalidUtf8(_req: IncomingMessage, _res: unknown, body: Buffer): void {
  if (isUtf8(body)) return;
  throw new AppError('Request body is not valid UTF-8', { status: 400, code: 'invalid_utf8' });
}
