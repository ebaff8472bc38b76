// Prometheus metrics: the registry, its database gauges, the /metrics route and its
// separate-port server, and the wrappers the composition root puts around other areas.
export { createMetrics } from './metrics';
export type { JobRun, Metrics, MetricsOptions } from './metrics';
export { createMetricsStore } from './metrics-store';
export type { MetricsStore, QueueFigures, WaitingFigures } from './metrics-store';
export { createMetricsRouter, requireMetricsToken } from './metrics-routes';
export { metricsExposure, metricsMounts, metricsWorkers } from './metrics-exposure';
export type { MetricsExposure, MetricsSettings } from './metrics-exposure';
export { createMetricsServer } from './metrics-server';
export type { MetricsServer, MetricsServerOptions } from './metrics-server';
export { countAcceptedDocuments, countFinalReceipts, instrumentAtolClient } from './metrics-wiring';
