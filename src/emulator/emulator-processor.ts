import type { CallbackSender } from './emulator-callbacks';
import type { EmulatorState } from './emulator-state';
import type { EmulatorAccount, EmulatorDocument, ResolvedEmulatorOptions } from './emulator-types';
import { reportView, wireError } from './emulator-wire';
import type { FiscalRegister } from './fiscal-register';
import {
  failureText,
  processCorrection,
  processReceipt,
  ProcessingResult,
} from './receipt-processing';

export interface ProcessorDeps {
  options: ResolvedEmulatorOptions;
  state: EmulatorState;
  fiscal: FiscalRegister;
  callbacks: CallbackSender;
}

export interface Processor {
  /** Queues a new document: it leaves `wait` after the processing delay. */
  schedule(document: EmulatorDocument, account: EmulatorAccount): void;
  /** Processes now and resolves once its callbacks were answered (the early-callback fault). */
  processNow(document: EmulatorDocument, account: EmulatorAccount): Promise<void>;
  /** Stops pending work. */
  close(): void;
}

/** The register side: takes documents from `wait` to `done` or `fail` and calls back. */
export function createProcessor(deps: ProcessorDeps): Processor {
  const { options, state, fiscal, callbacks } = deps;
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  function later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  }

  function outcomeOf(document: EmulatorDocument, account: EmulatorAccount): ProcessingResult {
    const forced = document.faults.fail;
    if (forced) return { ok: false, ...forced, fields: [] };
    const request = document.request;
    if (!request)
      return { ok: false, type: 'system', code: 1, text: failureText('system', 1), fields: [] };
    return 'receipt' in request
      ? processReceipt(request.receipt, account, options.checkCompany)
      : processCorrection(request.correction, account, options.checkCompany);
  }

  function finish(document: EmulatorDocument, result: ProcessingResult, account: EmulatorAccount) {
    if (result.ok) {
      const operation = document.operation;
      document.payload = fiscal.fiscalize(account, operation, result.totalKopecks, new Date());
      document.status = 'done';
      state.totals.done += 1;
    } else {
      document.error = wireError(result.code, result.type, result.text);
      document.failedFields = result.fields;
      document.status = 'fail';
      state.totals.failed += 1;
    }
    document.finishedAt = Date.now();
    delete document.request;
    return notify(document);
  }

  /** One POST per final transition (reference §6), unless a fault or the URL says otherwise. */
  function notify(document: EmulatorDocument): Promise<void> {
    const copies = document.faults.callbackCopies ?? 1;
    if (!document.callbackUrl || document.warnings || document.faults.lostCallback) {
      state.totals.callbacksSkipped += 1;
      return Promise.resolve();
    }
    return callbacks.send(document.callbackUrl, reportView(document, options.timeZone), copies);
  }

  function timeOut(document: EmulatorDocument, account: EmulatorAccount): Promise<void> {
    if (closed || document.status !== 'wait') return Promise.resolve();
    const text = failureText('timeout', 1);
    return finish(document, { ok: false, type: 'timeout', code: 1, text, fields: [] }, account);
  }

  function processNow(document: EmulatorDocument, account: EmulatorAccount): Promise<void> {
    if (closed || document.status !== 'wait') return Promise.resolve();
    return finish(document, outcomeOf(document, account), account);
  }

  return {
    schedule(document, account) {
      if (document.faults.queueTimeout) {
        later(options.queueTimeoutMs, () => void timeOut(document, account));
      } else if (options.processingDelayMs === 0) {
        setImmediate(() => void processNow(document, account));
      } else {
        later(options.processingDelayMs, () => void processNow(document, account));
      }
    },

    processNow,

    close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
