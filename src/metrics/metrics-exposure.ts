import type { Router } from 'express';
import type { Logger } from '../logger/logger';
import type { Metrics } from './metrics';
import { createMetricsRouter } from './metrics-routes';
import { createMetricsServer, type MetricsServer } from './metrics-server';

/** The metrics settings: METRICS_TOKEN and METRICS_PORT. */
export interface MetricsSettings {
  token?: string;
  port?: number;
}

/**
 * Where /metrics is served, so that it stays internal:
 * - neither setting: nowhere (off; the counters still run, nothing exports them);
 * - METRICS_TOKEN only: on the service's own port, with `Authorization: Bearer <token>`;
 * - METRICS_PORT (with or without a token): on that port only, never on the service's port.
 */
export type MetricsExposure =
  | { where: 'off' }
  | { where: 'app'; token: string }
  | { where: 'port'; port: number; token?: string };

export function metricsExposure(settings: MetricsSettings): MetricsExposure {
  if (settings.port !== undefined) {
    return settings.token === undefined
      ? { where: 'port', port: settings.port }
      : { where: 'port', port: settings.port, token: settings.token };
  }
  if (settings.token !== undefined) return { where: 'app', token: settings.token };
  return { where: 'off' };
}

/** The /metrics mount for the service's own app: one when only METRICS_TOKEN is set. */
export function metricsMounts(
  settings: MetricsSettings,
  metrics: Metrics,
): Array<{ path: string; router: Router }> {
  const exposure = metricsExposure(settings);
  if (exposure.where !== 'app') return [];
  return [{ path: '/metrics', router: createMetricsRouter({ metrics, token: exposure.token }) }];
}

/** The separate metrics listener: one when METRICS_PORT is set. */
export function metricsWorkers(
  settings: MetricsSettings,
  metrics: Metrics,
  logger: Logger,
): MetricsServer[] {
  const exposure = metricsExposure(settings);
  if (exposure.where !== 'port') return [];
  return [createMetricsServer({ metrics, port: exposure.port, token: exposure.token, logger })];
}
