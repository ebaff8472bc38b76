import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config/config-types';
import type { Database } from './db/database';
import type { Logger } from './logger/logger';
import { buildServer, createContext, Worker } from './main';
import { createScheduler } from './scheduler/scheduler';
import { CUT_OFF_GRACE_MS, settledWithin } from './time/settled-within';

export interface RunningServer {
  /** Where the server listens, e.g. http://127.0.0.1:3000. */
  url: string;
  /** Stops accepting, drains in-flight requests, stops jobs and workers, closes the database. */
  shutdown(reason: string): Promise<void>;
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** What the drain does when its time is up with handlers still running. */
export interface DrainLimit {
  /** Ends what keeps the handlers waiting (the ATOL calls in flight). */
  cutOff(): void;
  /** How long the handlers then get to answer before their connections are closed. */
  graceMs: number;
}

/**
 * Returns the server's drain: stop listening, close keep-alive connections as they turn idle and
 * wait until every request in hand is answered, or until `timeoutMs` (resolves false). A client
 * that hangs up mid-request closes its connection at once, but the handler runs on (it may be
 * waiting for a database connection or for ATOL), so the database must stay open until it
 * answers too; at the limit `atLimit` cuts off what the handlers wait for and gives them a
 * grace to answer. Call it before the server takes requests: it watches each one from the start.
 */
export function createDrain(
  server: http.Server,
): (timeoutMs: number, atLimit?: DrainLimit) => Promise<boolean> {
  // A response leaves `inHand` on its 'close' event, which comes after the server's own close
  // callback, and goes on to `abandoned` if its handler has not ended it yet (usually none).
  const inHand = new Set<http.ServerResponse>();
  const abandoned = new Set<http.ServerResponse>();
  const forgetAnswered = (): void => {
    for (const response of abandoned) if (response.writableEnded) abandoned.delete(response);
  };
  let draining = false;
  // A client that knows the connection ends sends its next request on a new one, instead of
  // racing the close of this one (which would cost it a reset).
  const endsConnection = (response: http.ServerResponse): void => {
    if (!response.headersSent) response.setHeader('Connection', 'close');
  };
  server.on('request', (_request: http.IncomingMessage, response: http.ServerResponse) => {
    forgetAnswered();
    if (draining) endsConnection(response);
    inHand.add(response);
    response.once('close', () => {
      inHand.delete(response);
      if (!response.writableEnded) abandoned.add(response);
    });
  });

  return (timeoutMs, atLimit) =>
    new Promise((resolve) => {
      draining = true;
      inHand.forEach(endsConnection);
      let closed = false;
      let late = false;
      let grace: NodeJS.Timeout | undefined;
      const finish = (): void => {
        clearInterval(sweep);
        clearTimeout(deadline);
        clearTimeout(grace);
        resolve(!late);
      };
      const check = (): void => {
        forgetAnswered();
        if (closed && inHand.size === 0 && abandoned.size === 0) finish();
      };
      const sweep = setInterval(() => {
        server.closeIdleConnections();
        check();
      }, 50);
      const giveUp = (): void => {
        server.closeAllConnections();
        finish();
      };
      // At the limit the handlers' waits are cut off first and their answers still go out on
      // the open connections: a client whose document was stored hears so.
      const deadline = setTimeout(() => {
        late = true;
        if (!atLimit) return giveUp();
        atLimit.cutOff();
        grace = setTimeout(giveUp, atLimit.graceMs);
        check();
      }, timeoutMs);
      server.close(() => {
        closed = true;
        check();
      });
      server.closeIdleConnections();
    });
}

async function stopWorkers(workers: Worker[], timeoutMs: number, logger: Logger): Promise<void> {
  const results = await Promise.allSettled(workers.map((worker) => worker.stop(timeoutMs)));
  results.forEach((result, index) => {
    if (result.status === 'rejected') {
      logger.error('Worker did not stop cleanly', {
        worker: workers[index]?.name,
        error: result.reason,
      });
    }
  });
}

/**
 * Starts the service: database (migrated on start unless disabled), HTTP server, workers and
 * the scheduled jobs. Throws (after releasing what it opened) if any step fails.
 */
export async function startServer(
  config: Config,
  logger: Logger,
  options: { db?: Database } = {},
): Promise<RunningServer> {
  const log = logger.child({ module: 'server' });
  // The database comes first: a second instance on the same DATA_DIR stops here, before it
  // writes anything else. End-to-end tests pass their own database instead.
  const context = await createContext(config, logger, options);
  for (const notice of config.notices) log.warn(notice);
  let shuttingDown = false;
  const parts = buildServer(context, () => shuttingDown);
  const scheduler = createScheduler({
    logger,
    timeZone: config.timeZone,
    onRun: context.services.metrics.observeJobRun,
  });
  const server = http.createServer(parts.app);
  const drain = createDrain(server);

  let port: number;
  try {
    port = await listen(server, config.port);
    for (const worker of parts.workers) await worker.start();
    scheduler.start(parts.jobs);
  } catch (error) {
    await stopWorkers(parts.workers, config.shutdownTimeoutMs, log);
    server.close();
    await context.close();
    throw error;
  }
  const url = `http://127.0.0.1:${port}`;
  // listen(port) takes every interface, not only loopback: say so.
  log.info(`Listening on ${url} (port ${port} on all interfaces)`, {
    port,
    database: context.db.kind,
    sandbox: config.atol.sandbox,
    publicUrl: config.publicUrl,
  });

  let stopping: Promise<void> | undefined;
  const shutdown = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      shuttingDown = true;
      log.info('Shutting down', { reason });
      // No new sends start while requests drain: each would only be cut off at the limit.
      for (const worker of parts.workers) worker.stopTakingWork?.();
      // One limit for the whole shutdown. Requests are answered first (a callback they store is
      // applied by the status worker); then jobs and workers finish together in what is left.
      const deadline = Date.now() + config.shutdownTimeoutMs;
      const left = (): number => Math.max(0, deadline - Date.now());
      try {
        const cutOff = context.services.cutOffAtol;
        const drained = await drain(left(), { cutOff, graceMs: CUT_OFF_GRACE_MS });
        if (!drained) log.warn('In-flight requests cut off at the shutdown time limit');
        await Promise.all([scheduler.stop(left()), stopWorkers(parts.workers, left(), log)]);
      } finally {
        // A database that does not answer (a stuck query) must not hold the process forever.
        const closing = context.close();
        if (await settledWithin(closing, CUT_OFF_GRACE_MS)) await closing;
        else log.warn('The database connections did not close in time; leaving them');
      }
      log.info('Stopped');
    })().catch((error: unknown) => {
      log.error('Shutdown failed', { error });
      throw error;
    });
    return stopping;
  };
  return { url, shutdown };
}

/**
 * SIGTERM or SIGINT starts a graceful shutdown, also while the server is still starting (it
 * finishes starting, then stops); a second signal gives up waiting. `onDone` gets the exit code.
 */
export function stopOnSignals(
  started: Promise<RunningServer>,
  onDone: (code: number) => void,
): void {
  let received = 0;
  const handle = (signal: NodeJS.Signals): void => {
    received += 1;
    if (received > 1) {
      onDone(1);
      return;
    }
    started
      .then((running) => running.shutdown(signal))
      .then(
        () => onDone(0),
        () => onDone(1),
      );
  };
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
}

/**
 * An error nothing caught means the process may be in a broken state: log it (through the
 * redaction step, unlike Node's default print) and shut down gracefully with exit code 1 so the
 * supervisor restarts us.
 */
export function stopOnFatalErrors(
  started: Promise<RunningServer>,
  logger: Logger,
  onDone: (code: number) => void,
): void {
  const log = logger.child({ module: 'server' });
  const handle = (kind: string) => (error: unknown) => {
    log.error(`${kind}: shutting down`, { error });
    started
      .then((running) => running.shutdown(kind))
      .then(
        () => onDone(1),
        () => onDone(1),
      );
  };
  process.on('uncaughtException', handle('Uncaught exception'));
  process.on('unhandledRejection', handle('Unhandled promise rejection'));
}
