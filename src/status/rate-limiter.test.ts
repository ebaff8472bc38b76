import { createRateLimiter, withReportBudget } from './rate-limiter';

function fakeClock() {
  let now = 1_000;
  const slept: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
    slept,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('createRateLimiter', () => {
  it('when several callers ask at once, then each goes one interval after the last', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ ratePerSecond: 4, now: clock.now, sleep: clock.sleep });
    const granted: number[] = [];

    await Promise.all([1, 2, 3].map(() => limiter.acquire().then(() => granted.push(clock.now()))));

    expect(granted).toEqual([1_000, 1_250, 1_500]);
  });

  it('when a caller was let through late, then the next still waits a whole interval', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ ratePerSecond: 10, now: clock.now, sleep: clock.sleep });

    await limiter.acquire();
    clock.advance(30);
    await limiter.acquire();
    await limiter.acquire();

    expect(clock.slept).toEqual([70, 100]);
  });

  it('when the budget was idle, then the next caller goes at once', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ ratePerSecond: 1, now: clock.now, sleep: clock.sleep });

    await limiter.acquire();
    clock.advance(5_000);
    await limiter.acquire();

    expect(clock.slept).toEqual([]);
  });

  it('when the shutdown cuts ATOL calls off, then callers waiting for their turn go at once', async () => {
    const cutOff = new AbortController();
    // One turn per 100 s: without the cut-off the last two callers would wait 200 s.
    const limiter = createRateLimiter({ ratePerSecond: 0.01, cutOff: cutOff.signal });
    await limiter.acquire();
    const waiting = Promise.all([limiter.acquire(), limiter.acquire()]);

    cutOff.abort();

    await expect(waiting).resolves.toEqual([undefined, undefined]);
    await expect(limiter.acquire()).resolves.toBeUndefined();
  });
});

describe('withReportBudget', () => {
  it('when report is called, then it waits for the limiter first', async () => {
    const order: string[] = [];
    const client = {
      report: async (uuid: string) => {
        order.push(`report ${uuid}`);
        return { kind: 'wait' as const, durationMs: 1 };
      },
    };
    const limiter = {
      ratePerSecond: 1,
      acquire: async () => {
        order.push('acquire');
      },
    };

    await withReportBudget(client, limiter).report('u-1');

    expect(order).toEqual(['acquire', 'report u-1']);
  });
});
