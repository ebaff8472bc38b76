import express from 'express';
import { z } from 'zod';
import type { FaultBook, FaultInput } from './emulator-faults';
import type { EmulatorState } from './emulator-state';
import type { EmulatorDocument, ResolvedEmulatorOptions } from './emulator-types';

export interface AdminRoutesDeps {
  options: ResolvedEmulatorOptions;
  state: EmulatorState;
  faults: FaultBook;
  /** Forgets documents, faults and counters. */
  reset(): void;
  /** Processes every waiting document now, skipping the delay. */
  processWaiting(): Promise<number>;
}

/** The state endpoint's answer. */
export function stateSnapshot(deps: AdminRoutesDeps, externalId?: string) {
  const byStatus: Record<EmulatorDocument['status'], number> = { wait: 0, done: 0, fail: 0 };
  for (const document of deps.state.documents()) byStatus[document.status] += 1;
  return {
    totals: deps.state.totals,
    documents: byStatus,
    receipts: deps.state.summarize(externalId),
    faults: deps.faults.list(),
  };
}

/** A document as the emulator holds it, with the fields that made it fail. */
function documentView(document: EmulatorDocument) {
  const { request: _request, ...rest } = document;
  return rest;
}

function faultsOf(body: unknown): FaultInput[] {
  if (Array.isArray(body)) return body as FaultInput[];
  const wrapped = (body as { faults?: unknown } | null)?.faults;
  return Array.isArray(wrapped) ? (wrapped as FaultInput[]) : [body as FaultInput];
}

/** Test and developer controls under /emulator: faults, state, reset. No authentication. */
export function createAdminRoutes(deps: AdminRoutesDeps): express.Router {
  const router = express.Router();
  router.use(express.json());

  router.get('/state', (req, res) => {
    const externalId = typeof req.query.externalId === 'string' ? req.query.externalId : undefined;
    res.json(stateSnapshot(deps, externalId));
  });

  router.get('/documents/:uuid', (req, res) => {
    const document = deps.state.findDocument(req.params.uuid);
    if (!document) res.status(404).json({ error: 'unknown uuid' });
    else res.json(documentView(document));
  });

  router.get('/faults', (_req, res) => {
    res.json({ faults: deps.faults.list() });
  });

  router.post('/faults', (req, res) => {
    try {
      const added = deps.faults.add(faultsOf(req.body));
      deps.options.logger.info('emulator faults added', { faults: added.map((f) => f.fault) });
      res.status(201).json({ faults: added });
    } catch (error) {
      if (!(error instanceof z.ZodError)) throw error;
      res.status(400).json({ error: 'invalid fault', issues: error.issues });
    }
  });

  router.delete('/faults', (_req, res) => {
    deps.faults.clear();
    res.status(204).end();
  });

  router.post('/tokens/expire', (_req, res) => {
    res.json({ expired: deps.state.expireTokens() });
  });

  router.post('/process', async (_req, res) => {
    res.json({ processed: await deps.processWaiting() });
  });

  router.post('/reset', (_req, res) => {
    deps.reset();
    res.status(204).end();
  });

  return router;
}
