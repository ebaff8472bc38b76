import { createAtolTokenCache, AtolTokenCache } from '../../src/atol/atol-token-cache';
import { eventually } from '../emulator/emulator-http';
import { changed, sellBody } from '../emulator/v4-bodies';
import { useClientHarness } from './client-harness';

/**
 * The client against the emulator, one test per row of the decision table in reference §7.4
 * (and the token rules of §1.3); the report rows are in atol-client-reports.test.ts.
 */
describe('ATOL client against the emulator: register (reference §7.4)', () => {
  const h = useClientHarness();
  const client = h.client;
  const calls = h.calls;
  const finalReport = h.finalReport;

  describe('network error, timeout or 5xx on POST: resend the same body', () => {
    it.each([
      ['a dropped connection', { kind: 'drop' }, /^network error/],
      ['an HTML 500', { kind: 'http500' }, /^unexpected answer: HTTP 500$/],
      ['error 50', { kind: 'serviceError', code: 50 }, /^ATOL error 50$/],
      ['error 0 (unknown whether registered)', { kind: 'serviceError', code: 0 }, /error 0$/],
      ['error 1', { kind: 'serviceError', code: 1 }, /^ATOL error 1$/],
    ] as const)('when register meets %s, then it is unavailable', async (_, fault, reason) => {
      h.atol.emulator.addFaults([{ ...fault, on: ['register'], times: 1 }]);
      const body = sellBody();
      const atolClient = client();

      const first = await atolClient.register('sell', body);
      const again = await atolClient.register('sell', body);

      expect(first.kind).toBe('unavailable');
      if (first.kind === 'unavailable') expect(first.reason).toMatch(reason);
      expect(again.kind).toBe('registered');
    });

    it('when the answer is too slow, then it times out, and the resend gets 33', async () => {
      h.atol.emulator.addFaults([{ kind: 'latency', ms: 400, on: ['register'], times: 1 }]);
      const body = sellBody();
      const atolClient = client({ timeoutMs: 150 });

      const first = await atolClient.register('sell', body);
      // The emulator registers the body once its latency is over, answer or not.
      await eventually(() => h.atol.emulator.snapshot(body.external_id).receipts[body.external_id]);
      const again = await atolClient.register('sell', body);

      expect(first).toMatchObject({ kind: 'unavailable', reason: 'timeout after 150 ms' });
      const registered = h.atol.emulator.snapshot(body.external_id).receipts[body.external_id];
      expect(again).toMatchObject({ kind: 'duplicate', uuid: registered?.documents[0]?.uuid });
      expect(registered?.receipts).toBe(1);
    });

    it('when the request hangs, then the client gives up after its timeout', async () => {
      h.atol.emulator.addFaults([{ kind: 'hang', on: ['register'], times: 1 }]);

      const outcome = await client({ timeoutMs: 200 }).register('sell', sellBody());

      expect(outcome).toMatchObject({ kind: 'unavailable', reason: 'timeout after 200 ms' });
      expect(outcome.durationMs).toBeGreaterThanOrEqual(190);
    });

    it('when nothing listens, then it is unavailable', async () => {
      const outcome = await client({ baseUrl: 'http://127.0.0.1:9' }).register('sell', sellBody());

      expect(outcome.kind).toBe('unavailable');
    });
  });

  describe('401 with 10 or 11: refresh the token once and resend', () => {
    it('when the token expired, then one new token is fetched and the call succeeds', async () => {
      const atolClient = client();
      await atolClient.register('sell', sellBody());
      h.atol.emulator.expireTokens();

      const outcome = await atolClient.register('sell', sellBody());

      expect(outcome.kind).toBe('registered');
      expect(calls('getToken')).toBe(2);
      expect(h.entries.filter((e) => e.action === 'register').map((e) => e.httpStatus)).toEqual([
        200, 401, 200,
      ]);
    });

    it('when the cached token is unknown (10), then it is replaced once', async () => {
      const real = createAtolTokenCache();
      let seeded = false;
      const tokenCache: AtolTokenCache = {
        get: (key, fetchToken) => {
          if (seeded) return real.get(key, fetchToken);
          seeded = true;
          return Promise.resolve('0123456789abcdef0123456789abcdef');
        },
        invalidate: (key, token) => real.invalidate(key, token),
      };

      const outcome = await client({ tokenCache }).register('sell', sellBody());

      expect(outcome.kind).toBe('registered');
      expect(calls('getToken')).toBe(1);
    });

    it('when ATOL keeps answering 11, then the client stops after one refresh', async () => {
      h.atol.emulator.addFaults([{ kind: 'serviceError', code: 11, on: ['register'] }]);

      const outcome = await client().register('sell', sellBody());

      expect(outcome).toMatchObject({ kind: 'unavailable', error: { code: 11 } });
      expect(calls('register')).toBe(2);
      expect(calls('getToken')).toBe(2);
    });

    it('when a report meets an expired token, then it refreshes too', async () => {
      const atolClient = client();
      const registered = await atolClient.register('sell', sellBody());
      h.atol.emulator.expireTokens();

      const outcome = await finalReport(atolClient, (registered as { uuid: string }).uuid);

      expect(outcome.kind).toBe('done');
      expect(calls('getToken')).toBe(2);
    });
  });

  describe('tokens are shared', () => {
    it('when ten calls start at once, then one token is fetched for all', async () => {
      const atolClient = client();

      const outcomes = await Promise.all(
        Array.from({ length: 10 }, () => atolClient.register('sell', sellBody())),
      );

      expect(outcomes.every((outcome) => outcome.kind === 'registered')).toBe(true);
      expect(calls('getToken')).toBe(1);
      expect(h.atol.emulator.snapshot().totals.tokensIssued).toBe(1);
    });

    it('when ten calls meet an expired token together, then one refresh serves them', async () => {
      const atolClient = client();
      await atolClient.register('sell', sellBody());
      h.atol.emulator.expireTokens();

      const outcomes = await Promise.all(
        Array.from({ length: 10 }, () => atolClient.register('sell', sellBody())),
      );

      expect(outcomes.every((outcome) => outcome.kind === 'registered')).toBe(true);
      expect(calls('getToken')).toBe(2);
    });

    it('when two clients share a cache, then they share the token', async () => {
      const tokenCache = createAtolTokenCache();
      await client({ tokenCache }).register('sell', sellBody());

      await client({ tokenCache }).register('sell', sellBody());

      expect(calls('getToken')).toBe(1);
    });
  });

  describe('401 with 12/20/21 or 403 with 14: stop', () => {
    it.each([
      ['a wrong password (12)', { password: 'wrong' }, 12, 401],
      ['another group (20)', { groupCode: 'someone-else_1' }, 20, 401],
      ['the v5 protocol on a v4 group (21)', { apiVersion: 5 as const }, 21, 401],
      ['a blocked user (14)', { login: 'blocked', groupCode: 'b_1' }, 14, 403],
    ])('when the client has %s, then register is rejected', async (_, options, code, status) => {
      const outcome = await client(options).register('sell', sellBody());

      expect(outcome).toMatchObject({ kind: 'rejected', error: { code }, httpStatus: status });
      expect(h.entries.length).toBeLessThanOrEqual(2);
    });

    it('when the password is wrong, then report is rejected too', async () => {
      const outcome = await client({ password: 'wrong' }).report('any');

      expect(outcome).toMatchObject({ kind: 'rejected', error: { code: 12 } });
    });
  });

  describe('400 with 13/31/32/40 or 415 with 41: fix, never loop', () => {
    it('when the login has a space (13), then it is rejected naming the field', async () => {
      const outcome = await client({ login: 'v4 online' }).register('sell', sellBody());

      expect(outcome).toMatchObject({ kind: 'rejected', error: { code: 13 }, fields: ['login'] });
    });

    it('when the operation is unknown (31), then it is rejected', async () => {
      const outcome = await client().register('sell_refund_correction', sellBody());

      expect(outcome).toMatchObject({ kind: 'rejected', error: { code: 31 }, httpStatus: 400 });
    });

    it('when the body is invalid (32), then it is rejected with the failing fields', async () => {
      const body = changed(sellBody(), (b) => {
        b.receipt.items[0].price = 10.005;
        delete b.receipt.client.email;
      });

      const outcome = await client().register('sell', body);

      expect(outcome).toMatchObject({ kind: 'rejected', error: { code: 32, type: 'system' } });
      if (outcome.kind !== 'rejected') throw new Error('expected a rejection');
      expect(outcome.fields).toEqual(['receipt.client', 'receipt.items.0.price']);
      expect(calls('register')).toBe(1);
    });

    it.each([40, 41])('when ATOL answers %i, then it is rejected once', async (code) => {
      h.atol.emulator.addFaults([{ kind: 'serviceError', code, on: ['register'] }]);

      const outcome = await client().register('sell', sellBody());

      expect(outcome).toMatchObject({ kind: 'rejected', error: { code } });
      expect(calls('register')).toBe(1);
    });
  });
});
