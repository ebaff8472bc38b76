import type { Knex } from 'knex';
import { countAcceptedDocuments, countFinalReceipts, instrumentAtolClient } from './metrics-wiring';

function recorder() {
  const calls: Array<[string, string, number]> = [];
  return { calls, observeAtol: (op: string, out: string, ms: number) => calls.push([op, out, ms]) };
}

/** A knex transaction as far as the hook sees it: its outcome settles `executionPromise`. */
function fakeTransaction(outcome: 'commit' | 'rollback') {
  const executionPromise =
    outcome === 'commit' ? Promise.resolve() : Promise.reject(new Error('rolled back'));
  return { executionPromise } as unknown as Knex.Transaction;
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('ATOL client instrumentation', () => {
  it('when a register and a report are made, then each is observed with its operation and outcome', async () => {
    const metrics = recorder();
    const client = instrumentAtolClient(
      {
        register: (_operation: string, _body: unknown) =>
          Promise.resolve({ kind: 'registered' as const, uuid: 'u-1', durationMs: 31 }),
        report: (_uuid: string) => Promise.resolve({ kind: 'wait' as const, durationMs: 12 }),
      },
      metrics,
    );

    const registered = await client.register('sell_refund', {});
    await client.report('u-1');

    expect(registered).toEqual({ kind: 'registered', uuid: 'u-1', durationMs: 31 });
    expect(metrics.calls).toEqual([
      ['sell_refund', 'registered', 31],
      ['report', 'wait', 12],
    ]);
  });

  it('when the client throws, then the call is observed as an error and the error passes on', async () => {
    const metrics = recorder();
    const client = instrumentAtolClient(
      {
        register: () => Promise.reject(new Error('socket hang up')),
        report: () => Promise.resolve({ kind: 'wait', durationMs: 1 }),
      },
      metrics,
    );

    await expect(client.register()).rejects.toThrow('socket hang up');
    expect(metrics.calls).toEqual([['undefined', 'error', expect.any(Number)]]);
  });
});

describe('accepted documents', () => {
  it('when a document is stored, then it is counted by kind; a repeat is not', async () => {
    const counted: string[] = [];
    let created = true;
    const service = countAcceptedDocuments(
      {
        accept: (_kind: 'invoice' | 'refund', _body: unknown) => Promise.resolve({ created }),
        get: () => 'untouched',
      },
      { countAccepted: (kind) => counted.push(kind) },
    );

    await service.accept('refund', {});
    created = false;
    await service.accept('refund', {});

    expect(counted).toEqual(['refund']);
    expect(service.get()).toBe('untouched');
  });
});

describe('final receipts', () => {
  it('when the transaction commits, then the final status is counted after the next hook ran', async () => {
    const order: string[] = [];
    const hook = countFinalReceipts(
      { countFinal: (status) => order.push(`count ${status}`) },
      async () => {
        order.push('webhook');
      },
    );

    await hook(fakeTransaction('commit'), { status: 'done' });
    await flush();

    expect(order).toEqual(['webhook', 'count done']);
  });

  it('when the transaction rolls back, then nothing is counted', async () => {
    const counted: string[] = [];
    const hook = countFinalReceipts({ countFinal: (status) => counted.push(status) });

    await hook(fakeTransaction('rollback'), { status: 'failed' });
    await flush();

    expect(counted).toEqual([]);
  });
});
