import { getEventListeners } from 'node:events';
import { CUT_OFF_REASON } from '../../src/atol/atol-transport';
import { sellBody } from '../emulator/v4-bodies';
import { useClientHarness } from './client-harness';

// The cut-off signal the shutdown aborts: it ends calls in flight at once, stops new ones from
// going out, and while it is not aborted it holds nothing of the calls made.

describe('ATOL client cut-off', () => {
  const h = useClientHarness();

  it('when the cut-off comes while ATOL is slow to answer, then the call ends at once without an answer', async () => {
    const cutOff = new AbortController();
    const client = h.client({ cutOff: cutOff.signal, timeoutMs: 30_000 });
    await client.report('warm-up-token');
    h.atol.emulator.addFaults([{ kind: 'latency', ms: 20_000, on: ['register'] }]);

    const calling = client.register('sell', sellBody());
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    cutOff.abort();
    const outcome = await calling;

    expect(Date.now() - started).toBeLessThan(1000);
    expect(outcome).toMatchObject({ kind: 'unavailable', reason: CUT_OFF_REASON });
  });

  it('when the cut-off has come, then no new call reaches ATOL', async () => {
    const cutOff = new AbortController();
    const client = h.client({ cutOff: cutOff.signal });
    cutOff.abort();

    const outcome = await client.register('sell', sellBody());

    expect(outcome).toMatchObject({ kind: 'unavailable', reason: CUT_OFF_REASON });
    expect(h.atol.emulator.snapshot().totals.registerRequests).toBe(0);
  });

  it('when calls end normally, then the cut-off signal keeps no listener of theirs', async () => {
    const cutOff = new AbortController();
    const client = h.client({ cutOff: cutOff.signal });

    await Promise.all(Array.from({ length: 30 }, () => client.register('sell', sellBody())));

    expect(h.calls('register')).toBe(30);
    expect(getEventListeners(cutOff.signal, 'abort')).toHaveLength(0);
  });
});
