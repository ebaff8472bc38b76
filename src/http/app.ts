import express, { Router } from 'express';
import helmet from 'helmet';
import type { Config } from '../config/config-types';
import type { Logger } from '../logger/logger';
import { accessLog } from './access-log';
import { errorHandler, notFound } from './error-handler';
import { createHealthRouter, ReadyState } from './health-routes';
import { requestContext } from './request-context';
import { jsonBody, refuseUnreadBody } from './json-body';
import { refuseUnstorableParams } from './param-guard';

/** A router and the path it is mounted at, e.g. `{ path: '/api/v1', router }`. */
export interface RouteMount {
  path: string;
  router: Router;
  /** The router reads its own body whatever the content type (ATOL's callback). */
  readsOwnBody?: boolean;
}

export interface AppDeps {
  config: Pick<Config, 'bodyLimitBytes' | 'atol'>;
  logger: Logger;
  routes: RouteMount[];
  ready: () => Promise<ReadyState>;
  health?: () => Record<string, unknown>;
}

/**
 * Builds the Express app; listening happens elsewhere (src/server.ts), so tests drive it with
 * supertest. Order matters: the request id comes first so every later log line has it; routes
 * that read their own body (ATOL's callback) come before the shop API's strict JSON parser and
 * the 415 for unread bodies; the 404 and error handler come last.
 */
export function createApp(deps: AppDeps): express.Express {
  const logger = deps.logger.child({ module: 'http' });
  const app = express();

  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(requestContext());
  app.use(accessLog(logger));
  app.use(helmet());
  app.use(refuseUnstorableParams());
  const ownBody = deps.routes.filter((route) => route.readsOwnBody === true);
  for (const route of ownBody) app.use(route.path, route.router);
  app.use(jsonBody({ limit: deps.config.bodyLimitBytes, refuseDuplicateKeys: true }));
  app.use(express.urlencoded({ extended: false, limit: deps.config.bodyLimitBytes }));
  app.use(refuseUnreadBody());

  app.use(
    createHealthRouter({
      sandbox: deps.config.atol.sandbox,
      ready: deps.ready,
      ...(deps.health === undefined ? {} : { health: deps.health }),
    }),
  );
  for (const route of deps.routes) {
    if (!ownBody.includes(route)) app.use(route.path, route.router);
  }

  app.use(notFound());
  app.use(errorHandler(logger));
  return app;
}
