import crypto from 'node:crypto';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { UnauthorizedError } from '../errors/errors';
import type { Metrics } from './metrics';

function digest(value: string): Buffer {
  return crypto.createHash('sha256').update(value).digest();
}

/** Lets a request through only with `Authorization: Bearer <token>` (compared in constant time). */
export function requireMetricsToken(token: string) {
  const expected = digest(token);
  return (req: Request, _res: Response, next: NextFunction): void => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    const given = match?.[1];
    if (given !== undefined && crypto.timingSafeEqual(digest(given), expected)) {
      next();
      return;
    }
    next(new UnauthorizedError('Send the metrics token as Authorization: Bearer <token>'));
  };
}

export interface MetricsRouterDeps {
  metrics: Pick<Metrics, 'render' | 'contentType'>;
  /** Required bearer token; absent means the route is open (a separate, internal port). */
  token?: string | undefined;
}

/** `GET /` in the Prometheus text format; mount it at `/metrics`. */
export function createMetricsRouter(deps: MetricsRouterDeps): Router {
  const router = Router();
  const guards = deps.token === undefined ? [] : [requireMetricsToken(deps.token)];
  router.get('/', ...guards, async (_req, res) => {
    const body = await deps.metrics.render();
    res.set('Content-Type', deps.metrics.contentType);
    res.set('Cache-Control', 'no-store');
    res.send(body);
  });
  return router;
}
