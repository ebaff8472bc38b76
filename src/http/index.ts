export { createApp } from './app';
export type { AppDeps, RouteMount } from './app';
export { requireApiKey } from './api-key';
export { validateBody, parseWith } from './validate';
export { optionalJsonBody, requireJsonBody } from './json-body';
export { checkDatabaseReady, serviceVersion } from './health-routes';
export type { ReadyState, ReadyCheck } from './health-routes';
