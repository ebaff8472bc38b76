import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createAdminRoutes, stateSnapshot } from './emulator-admin-routes';
import { createCallbackSender } from './emulator-callbacks';
import { createFaultBook, FaultInput } from './emulator-faults';
import { resolveEmulatorOptions } from './emulator-options';
import { createProcessor } from './emulator-processor';
import { createAtolRoutes } from './emulator-routes';
import { createEmulatorState } from './emulator-state';
import type { EmulatorDocument, EmulatorOptions } from './emulator-types';
import { serviceError } from './emulator-wire';
import { createFiscalRegister } from './fiscal-register';
import { createRegisterValidator } from './receipt-validation';

export interface Emulator {
  /** Listens on `port` (0 = any free port) and resolves with the base URL for the client. */
  start(port?: number): Promise<{ url: string }>;
  /** Stops listening, drops open connections (hanging requests too) and pending work. */
  close(): Promise<void>;
  /** The base URL once started. */
  readonly url: string;
  /** The express app, for supertest without a socket. */
  readonly app: express.Express;
  addFaults(faults: FaultInput[]): void;
  clearFaults(): void;
  /** Every issued token expires now: the next call with one answers 11. */
  expireTokens(): void;
  /** Forgets documents, faults and counters. */
  reset(): void;
  /** What GET /emulator/state answers. */
  snapshot(externalId?: string): ReturnType<typeof stateSnapshot>;
  document(uuid: string): EmulatorDocument | undefined;
  /** Processes every waiting document now; resolves after their callbacks. */
  processWaiting(): Promise<number>;
}

/** An ATOL Online v4 server in memory (reference §12): the API plus /emulator controls. */
export function createEmulator(input: EmulatorOptions = {}): Emulator {
  const options = resolveEmulatorOptions(input);
  const { logger } = options;
  const state = createEmulatorState(options.tokenTtlMs);
  const faults = createFaultBook();
  faults.add(options.faults);
  const fiscal = createFiscalRegister(options.timeZone);
  const callbacks = createCallbackSender({
    timeoutMs: options.callbackTimeoutMs,
    retries: options.callbackRetries,
    onResult: (result) => {
      if (result.delivered) state.totals.callbacksDelivered += 1;
      else {
        state.totals.callbacksFailed += 1;
        logger.warn('emulator callback not delivered', { ...result });
      }
    },
  });
  const processor = createProcessor({ options, state, fiscal, callbacks });
  const validator = createRegisterValidator(options);

  function reset(): void {
    state.reset();
    faults.clear();
    fiscal.reset();
  }

  async function processWaiting(): Promise<number> {
    const waiting = [...state.documents()].filter(
      (document) => document.status === 'wait' && !document.faults.queueTimeout,
    );
    for (const document of waiting) {
      const account = options.accounts.find((item) => item.groupCode === document.groupCode);
      if (account) await processor.processNow(document, account);
    }
    return waiting.length;
  }

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use('/emulator', createAdminRoutes({ options, state, faults, reset, processWaiting }));
  app.use(
    '/possystem',
    express.raw({ type: () => true, limit: '1mb' }),
    createAtolRoutes({ options, state, faults, processor, validator }),
  );
  // An unreadable or oversized body is ATOL's 40 (BadRequest).
  app.use(
    (
      _error: unknown,
      _req: express.Request,
      res: express.Response,
      _next: express.NextFunction,
    ) => {
      const answer = serviceError(40, options.timeZone);
      res.status(answer.httpStatus).json(answer.body);
    },
  );

  let server: http.Server | undefined;
  let url = '';

  return {
    app,
    get url() {
      return url;
    },

    async start(port = 0) {
      server = http.createServer(app);
      server.keepAliveTimeout = 65_000;
      const listening = server;
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(port, options.host, () => resolve());
      });
      const address = listening.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      url = `http://${host}:${address.port}`;
      logger.info('ATOL emulator listening', { url, accounts: options.accounts.length });
      return { url };
    },

    async close() {
      processor.close();
      callbacks.close();
      const listening = server;
      server = undefined;
      if (!listening) return;
      await new Promise<void>((resolve) => {
        listening.close(() => resolve());
        listening.closeAllConnections();
      });
    },

    addFaults: (list) => void faults.add(list),
    clearFaults: () => faults.clear(),
    expireTokens: () => void state.expireTokens(),
    reset,
    snapshot: (externalId) =>
      stateSnapshot({ options, state, faults, reset, processWaiting }, externalId),
    document: (uuid) => state.findDocument(uuid),
    processWaiting,
  };
}
