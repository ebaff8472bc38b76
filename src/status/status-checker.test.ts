import { createSilentLogger } from '../logger/logger';
import { GIVE_UP_AFTER_MS } from './poll-schedule';
import type { WaitingTransaction } from './poll-store';
import { createStatusChecker } from './status-checker';
import type { StatusFiscal } from './status-types';

type Refresh = Awaited<ReturnType<StatusFiscal['refreshTransaction']>>;

function setup(answer: Omit<Refresh, 'uuid'>) {
  const calls: string[] = [];
  const fiscal: StatusFiscal = {
    refreshTransaction: async (uuid, source, actor) => {
      calls.push(`refresh ${uuid} ${source} ${actor ?? '-'}`);
      return { uuid, ...answer };
    },
    reconcileCallbacks: async () => 0,
    markNoResult: async (uuid, reason) => {
      calls.push(`no result ${uuid}: ${reason}`);
      return true;
    },
  };
  const store = {
    recordPoll: async (uuid: string, nextDelayMs?: number) => {
      calls.push(`poll ${uuid} ${nextDelayMs ?? 'final'}`);
    },
  };
  const checker = createStatusChecker({ fiscal, store, logger: createSilentLogger() });
  return { checker, calls };
}

function waiting(ageMs: number, polling = true): WaitingTransaction {
  return { uuid: 'u-1', externalId: 'default-invoice-1', documentId: 1, ageMs, polling };
}

describe('createStatusChecker', () => {
  it('when ATOL says done, then the result is applied and no poll is scheduled', async () => {
    const { checker, calls } = setup({ outcome: 'done', changed: true, status: 'done' });

    const result = await checker.check(waiting(8_000), 'poll');

    expect(result).toEqual({ uuid: 'u-1', outcome: 'done', status: 'done', changed: true });
    expect(calls).toEqual(['refresh u-1 poll -', 'poll u-1 final']);
  });

  it('when ATOL still waits, then the next poll follows the backoff by age', async () => {
    const { checker, calls } = setup({ outcome: 'wait', changed: false, status: 'wait' });

    const result = await checker.check(waiting(120_000), 'manual', 'cli');

    expect(result.status).toBe('wait');
    expect(calls).toEqual(['refresh u-1 manual cli', 'poll u-1 30000']);
  });

  it('when a transaction waited past the give-up age, then the document gets no result', async () => {
    const { checker, calls } = setup({ outcome: 'wait', changed: false, status: 'wait' });

    const result = await checker.check(waiting(GIVE_UP_AFTER_MS + 1), 'poll');

    expect(result.status).toBe('no_result');
    expect(calls[1]).toBe('poll u-1 final');
    expect(calls[2]).toMatch(/^no result u-1: No result from ATOL after 24 hours/);
  });

  it('when polling was already stopped, then it does not give up a second time', async () => {
    const { checker, calls } = setup({ outcome: 'unavailable', changed: false, status: 'wait' });

    const result = await checker.check(waiting(GIVE_UP_AFTER_MS * 2, false), 'manual', 'cli');

    expect(result.status).toBe('wait');
    expect(calls).toEqual(['refresh u-1 manual cli', 'poll u-1 900000']);
  });
});
