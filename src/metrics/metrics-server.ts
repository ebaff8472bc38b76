import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { errorHandler, notFound } from '../http/error-handler';
import { requestContext } from '../http/request-context';
import type { Logger } from '../logger/logger';
import type { Metrics } from './metrics';
import { createMetricsRouter } from './metrics-routes';

export interface MetricsServerOptions {
  metrics: Pick<Metrics, 'render' | 'contentType'>;
  /** METRICS_PORT; 0 picks a free port (tests). */
  port: number;
  token?: string | undefined;
  logger: Logger;
}

/** The separate metrics listener, shaped as a worker of the server (start, stop). */
export interface MetricsServer {
  name: string;
  start(): Promise<void>;
  stop(timeoutMs: number): Promise<void>;
  /** Where it listens once started, e.g. http://127.0.0.1:9464. */
  readonly url: string;
}

/**
 * Serves only /metrics on its own port. It listens on every interface so that a Prometheus in
 * the same private network (a compose network, a pod) can reach it: keeping it internal means
 * not publishing this port, or setting METRICS_TOKEN as well.
 */
export function createMetricsServer(options: MetricsServerOptions): MetricsServer {
  const logger = options.logger.child({ module: 'metrics' });
  const app = express();
  app.disable('x-powered-by');
  app.use(requestContext());
  app.use('/metrics', createMetricsRouter({ metrics: options.metrics, token: options.token }));
  app.use(notFound());
  app.use(errorHandler(logger));
  const server = http.createServer(app);
  let url = '';

  return {
    name: 'metrics server',
    get url() {
      return url;
    },

    async start() {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const { port } = server.address() as AddressInfo;
      url = `http://127.0.0.1:${port}`;
      logger.info(`Metrics on ${url}/metrics (port ${port} on all interfaces)`, {
        token: options.token !== undefined,
      });
    },

    async stop(timeoutMs) {
      if (!server.listening) return;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
      await closed;
      clearTimeout(timer);
    },
  };
}
