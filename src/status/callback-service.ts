import { parseAtolReport } from '../atol/atol-report';
import type { Logger } from '../logger/logger';
import type { CallbackStore } from './callback-store';
import type { StatusFiscal } from './status-types';

export interface CallbackServiceDeps {
  store: CallbackStore;
  fiscal: Pick<StatusFiscal, 'reconcileCallbacks'>;
  companyKey: string;
  logger: Logger;
}

export interface CallbackService {
  /**
   * Validates and stores one callback body (ValidationError when it is not a report), then
   * applies it in the background: the answer to ATOL never waits for a report call.
   */
  receive(body: unknown): Promise<{ id: number; uuid: string }>;
  /** Waits for the callbacks still being applied, e.g. before shutting down. */
  drain(): Promise<void>;
}

/**
 * ATOL callbacks carry no signature and may come early, twice or never (reference §6). Each is
 * stored first; then the fiscal core matches the stored rows to their transaction, by uuid or
 * external id, and applies them under CALLBACK_TRUST. A callback that comes before the register
 * answer was recorded stays unprocessed until the sender records the uuid and reconciles.
 */
export function createCallbackService(deps: CallbackServiceDeps): CallbackService {
  const logger = deps.logger.child({ module: 'callback' });
  const inFlight = new Set<Promise<void>>();

  async function apply(uuid: string, id: number): Promise<void> {
    try {
      const applied = await deps.fiscal.reconcileCallbacks(uuid);
      logger.info('ATOL callback handled', { uuid, callbackId: id, applied });
    } catch (error) {
      // The row stays or is marked as it is; the poller still brings the result.
      logger.error('Applying an ATOL callback failed', { uuid, callbackId: id, error });
    }
  }

  return {
    async receive(body) {
      const report = parseAtolReport(body);
      const id = await deps.store.insert(deps.companyKey, report, body);
      logger.info('ATOL callback received', { uuid: report.uuid, status: report.status, id });

      const applying = apply(report.uuid, id).finally(() => inFlight.delete(applying));
      inFlight.add(applying);
      return { id, uuid: report.uuid };
    },

    async drain() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
