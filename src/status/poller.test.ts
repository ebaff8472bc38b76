import { createSilentLogger } from '../logger/logger';
import { createPoller } from './poller';
import type { PollStore, WaitingTransaction } from './poll-store';
import type { StatusChecker } from './status-checker';

function transaction(n: number): WaitingTransaction {
  return { uuid: `u-${n}`, externalId: `e-${n}`, documentId: n, ageMs: 6_000, polling: true };
}

function fakeStore(due: WaitingTransaction[]) {
  const claims: number[] = [];
  const released: string[] = [];
  const store: Pick<PollStore, 'claimDue' | 'release'> = {
    claimDue: async (limit) => {
      claims.push(limit);
      return due.splice(0, limit);
    },
    release: async (uuids) => {
      released.push(...uuids);
    },
  };
  return { store, claims, released };
}

describe('createPoller', () => {
  it('when many transactions are due, then it claims batches until none is left', async () => {
    const { store, claims } = fakeStore(Array.from({ length: 25 }, (_, i) => transaction(i)));
    const checked: string[] = [];
    const checker: StatusChecker = {
      check: async (t, source) => {
        checked.push(`${t.uuid}:${source}`);
        return { uuid: t.uuid, outcome: 'done', status: 'done', changed: true };
      },
    };
    const poller = createPoller({
      store,
      checker,
      logger: createSilentLogger(),
      ratePerSecond: 1,
      atolTimeoutMs: 1000,
    });

    const summary = await poller.pollDue();

    expect(claims).toEqual([10, 10, 10, 10]);
    expect(checked).toHaveLength(25);
    expect(checked[0]).toBe('u-0:poll');
    expect(summary).toMatchObject({ total: 25, changed: 25, byStatus: { done: 25 } });
  });

  it('when one check throws, then the others are still polled', async () => {
    const { store } = fakeStore([transaction(1), transaction(2)]);
    const checker: StatusChecker = {
      check: async (t) => {
        if (t.uuid === 'u-1') throw new Error('database went away');
        return { uuid: t.uuid, outcome: 'wait', status: 'wait', changed: false };
      },
    };
    const poller = createPoller({
      store,
      checker,
      logger: createSilentLogger(),
      ratePerSecond: 1,
      atolTimeoutMs: 1000,
    });

    const summary = await poller.pollDue();

    expect(summary).toMatchObject({ total: 2, changed: 0, byStatus: { wait: 2 } });
  });

  it('when stopped during a tick, then claimed transactions not yet polled are handed back', async () => {
    const { store, released } = fakeStore(Array.from({ length: 5 }, (_, i) => transaction(i)));
    const stopper = { stop: (): unknown => undefined };
    const checker: StatusChecker = {
      check: async (t) => {
        void stopper.stop();
        return { uuid: t.uuid, outcome: 'wait', status: 'wait', changed: false };
      },
    };
    const poller = createPoller({
      store,
      checker,
      logger: createSilentLogger(),
      ratePerSecond: 1,
      atolTimeoutMs: 1000,
      concurrency: 1,
    });
    stopper.stop = () => poller.stop();

    const summary = await poller.pollDue();

    expect(summary.total).toBe(1);
    expect(released).toEqual(['u-1', 'u-2', 'u-3', 'u-4']);
  });
});
