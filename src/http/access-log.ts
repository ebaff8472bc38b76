import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logger/logger';

// Probes hit these every few seconds; logging them at info would drown everything else.
const QUIET_PATHS = new Set(['/health', '/ready', '/metrics']);

/**
 * One line per finished request: method, path, status, duration. Never bodies or headers; the
 * path goes through the logger's redaction, which masks the callback secret in it.
 */
export function accessLog(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const level = QUIET_PATHS.has(req.path) ? 'debug' : 'info';
      logger.log(level, `${req.method} ${req.originalUrl} ${res.statusCode}`, {
        method: req.method,
        path: req.originalUrl,
        status: res.statusCode,
        durationMs: Math.round(durationMs * 10) / 10,
        requestId: req.id,
      });
    });
    next();
  };
}
