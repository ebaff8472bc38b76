import crypto from 'node:crypto';
import express, { Request, Response } from 'express';
import { serviceErrorText } from '../atol/atol-error-table';
import type { AtolAction, AtolOperation } from '../atol/atol-types';
import { formatAtolTimestamp } from '../time/zoned-time';
import { callbackUrlMatches, isLoopbackUrl } from './emulator-callbacks';
import { documentFaultsOf, FaultBook } from './emulator-faults';
import { validateTokenRequest } from './token-request';
import type { Processor } from './emulator-processor';
import type { EmulatorState } from './emulator-state';
import type { EmulatorAccount, EmulatorDocument, ResolvedEmulatorOptions } from './emulator-types';
import { reportView, serviceError, WireAnswer, wireError } from './emulator-wire';
import type { RegisterValidator } from './receipt-validation';

export interface AtolRoutesDeps {
  options: ResolvedEmulatorOptions;
  state: EmulatorState;
  faults: FaultBook;
  processor: Processor;
  validator: RegisterValidator;
}

const V4_OPERATIONS: readonly AtolOperation[] = [
  'sell',
  'sell_refund',
  'buy',
  'buy_refund',
  'sell_correction',
  'buy_correction',
];

/** The emulator implements protocol v4; calls to any other version answer 21. */
const VERSION = 'v4';

const send = (res: Response, answer: WireAnswer): void => {
  res.status(answer.httpStatus).json(answer.body);
};

const isJson = (req: Request): boolean => Boolean(req.is('application/json'));

/** The request body as JSON, or undefined when it is not JSON at all. */
function jsonBody(req: Request): unknown {
  const raw: unknown = req.body;
  if (!Buffer.isBuffer(raw) || raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** ATOL's routes under /possystem (reference §1.3, §2, §5, §12). */
export function createAtolRoutes(deps: AtolRoutesDeps): express.Router {
  const { options, state, faults, processor, validator } = deps;
  const zone = options.timeZone;
  const router = express.Router();

  /** Runs the request faults; true when a fault has answered (or refused to). */
  async function faulted(action: AtolAction, req: Request, res: Response): Promise<boolean> {
    const fired = faults.takeForRequest(action);
    if (fired.length === 0) return false;
    const delay = fired.reduce((sum, fault) => sum + (fault.kind === 'latency' ? fault.ms : 0), 0);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const fault = fired.find((candidate) => candidate.kind !== 'latency');
    if (!fault) return false;
    options.logger.debug('emulator fault fired', { action, fault: fault.kind });
    if (fault.kind === 'drop') req.socket.destroy();
    if (fault.kind === 'http500') {
      res
        .status(500)
        .type('html')
        .send('<html><body><h1>500 Internal Server Error</h1></body></html>');
    }
    if (fault.kind === 'serviceError') send(res, serviceError(fault.code, zone));
    // `hang`: no answer at all; the connection closes when the client or the emulator gives up.
    return true;
  }

  /** Token, group and version checks, in ATOL's order (reference §12.2). */
  function authorize(req: Request, version: string, group: string): EmulatorAccount | WireAnswer {
    const query = typeof req.query.token === 'string' ? req.query.token : undefined;
    const token = req.get('token') ?? query;
    const issued = token ? state.findToken(token) : undefined;
    if (!issued) return serviceError(10, zone);
    if (issued.expiresAt <= Date.now()) return serviceError(11, zone);
    if (issued.account.groupCode !== group) return serviceError(20, zone);
    if (version !== VERSION) return serviceError(21, zone);
    return issued.account;
  }

  router.all('/:version/getToken', async (req, res) => {
    if (await faulted('getToken', req, res)) return;
    if (req.method === 'POST' && !isJson(req)) {
      return send(res, serviceError(41, zone, { args: [req.get('content-type') ?? ''] }));
    }
    const input = req.method === 'POST' ? jsonBody(req) : req.query;
    if (input === undefined) return send(res, serviceError(40, zone));
    const checked = validateTokenRequest(input);
    if (!checked.ok) return send(res, serviceError(13, zone, { args: [checked.fields] }));

    const account = options.accounts.find(
      (candidate) => candidate.login === checked.login && candidate.password === checked.pass,
    );
    if (!account) return send(res, serviceError(12, zone));
    if (account.blocked) return send(res, serviceError(14, zone));
    if (req.params.version !== VERSION) return send(res, serviceError(21, zone));
    const token = state.issueToken(account);
    res.json({ error: null, token, timestamp: formatAtolTimestamp(new Date(), zone) });
  });

  router.get('/:version/:group/report/:uuid', async (req, res) => {
    if (await faulted('report', req, res)) return;
    state.totals.reportRequests += 1;
    const { version, group, uuid } = req.params;
    const account = authorize(req, version, group);
    if ('httpStatus' in account) return send(res, account);

    const document = state.findDocument(uuid);
    if (!document || document.groupCode !== group) {
      return send(res, serviceError(30, zone, { args: [uuid] }));
    }
    const notFound = wireError(34, 'system', serviceErrorText(34));
    if ((document.faults.report34Until ?? 0) > Date.now()) {
      return res.json({ ...reportView(document, zone, notFound), status: 'wait', payload: null });
    }
    const waiting = document.status === 'wait' && options.answer34WhileWaiting;
    res.json(reportView(document, zone, waiting ? notFound : document.error));
  });

  router.post('/:version/:group/:operation', async (req, res) => {
    if (await faulted('register', req, res)) return;
    state.totals.registerRequests += 1;
    const { version, group, operation } = req.params;
    const account = authorize(req, version, group);
    if ('httpStatus' in account) return send(res, account);
    if (!V4_OPERATIONS.includes(operation as AtolOperation)) {
      return send(res, serviceError(31, zone, { args: [operation] }));
    }
    if (!isJson(req)) {
      return send(res, serviceError(41, zone, { args: [req.get('content-type') ?? ''] }));
    }
    const body = jsonBody(req);
    if (body === undefined) return send(res, serviceError(40, zone));

    const answer = await register(account, operation as AtolOperation, body);
    send(res, answer);
  });

  async function register(
    account: EmulatorAccount,
    operation: AtolOperation,
    body: unknown,
  ): Promise<WireAnswer> {
    const externalId = (body as { external_id?: unknown } | null)?.external_id;
    const known =
      typeof externalId === 'string'
        ? state.findByExternalId(account.groupCode, externalId)
        : undefined;
    if (known) {
      // The first document wins; the new body is neither validated nor compared (§7.3).
      known.submissions += 1;
      state.totals.duplicates += 1;
      const args = [known.externalId, account.groupCode];
      return serviceError(33, zone, { args, uuid: known.uuid });
    }

    const checked = validator(operation, body);
    if (!checked.ok) {
      state.totals.invalid += 1;
      return serviceError(32, zone, { text: checked.text });
    }

    const request = checked.body ? { receipt: checked.body } : { correction: checked.correction };
    const envelope = checked.body ?? checked.correction;
    const document: EmulatorDocument = {
      uuid: crypto.randomUUID(),
      groupCode: account.groupCode,
      externalId: envelope.external_id,
      operation,
      callbackUrl: envelope.service?.callback_url ?? '',
      warnings: callbackWarnings(envelope.service?.callback_url),
      status: 'wait',
      payload: null,
      error: null,
      createdAt: Date.now(),
      submissions: 1,
      faults: documentFaultsOf(faults.takeForDocument(envelope.external_id), Date.now()),
      request,
    };
    state.addDocument(document);
    if (document.faults.earlyCallback) await processor.processNow(document, account);
    else processor.schedule(document, account);
    const timestamp = formatAtolTimestamp(new Date(), zone);
    return {
      httpStatus: 200,
      body: { uuid: document.uuid, timestamp, error: null, status: 'wait' },
    };
  }

  /** v4 keeps a document whose callback_url fails the mask, with a warning (reference §3.1). */
  function callbackWarnings(url: string | undefined): Record<string, string> | null {
    if (!url || callbackUrlMatches(url)) return null;
    if (options.allowLoopbackCallbacks && isLoopbackUrl(url)) return null;
    return { callback_url: 'callback_url не соответствует маске' };
  }

  router.use((_req, res) => send(res, { ...serviceError(40, zone), httpStatus: 404 }));
  return router;
}
