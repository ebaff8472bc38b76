import { changed, sellBody } from '../emulator/v4-bodies';
import { startEmulator } from '../emulator/emulator-http';
import { useClientHarness } from './client-harness';

/** The client against the emulator: 33 and the report rows of reference §7.4. */
describe('ATOL client against the emulator: reports (reference §7.4)', () => {
  const h = useClientHarness();
  const client = h.client;
  const finalReport = h.finalReport;

  describe('400 with 33: success path', () => {
    it('when the external id is known, then it is a duplicate with the first uuid', async () => {
      const body = sellBody();
      const atolClient = client();
      const first = await atolClient.register('sell', body);

      const again = await atolClient.register('sell', { ...body, receipt: {} });

      expect(first.kind).toBe('registered');
      expect(again).toMatchObject({
        kind: 'duplicate',
        uuid: (first as { uuid: string }).uuid,
        httpStatus: 400,
      });
    });
  });

  describe('reports', () => {
    it('when the document waits (34), then the outcome is wait', async () => {
      const slow = await startEmulator({ processingDelayMs: 60_000 });
      const slowClient = client({ baseUrl: slow.url });
      try {
        const registered = await slowClient.register('sell', sellBody());

        const outcome = await slowClient.report((registered as { uuid: string }).uuid);

        expect(outcome).toMatchObject({ kind: 'wait', httpStatus: 200 });
      } finally {
        await slow.close();
      }
    });

    it('when the document waits without 34, then the outcome is wait too', async () => {
      const slow = await startEmulator({ processingDelayMs: 60_000, answer34WhileWaiting: false });
      const slowClient = client({ baseUrl: slow.url });
      try {
        const registered = await slowClient.register('sell', sellBody());

        expect((await slowClient.report((registered as { uuid: string }).uuid)).kind).toBe('wait');
      } finally {
        await slow.close();
      }
    });

    it('when the document is done, then the payload comes with the report', async () => {
      const atolClient = client();
      const registered = await atolClient.register('sell', sellBody());

      const outcome = await finalReport(atolClient, (registered as { uuid: string }).uuid);

      expect(outcome.kind).toBe('done');
      if (outcome.kind !== 'done') throw new Error('expected done');
      expect(outcome.payload.total).toBe(4140);
      expect(outcome.payload.fn_number).toMatch(/^\d{16}$/);
      expect(outcome.report.uuid).toBe((registered as { uuid: string }).uuid);
    });

    it.each([
      ['a queue timeout', { kind: 'queueTimeout' }, 'timeout', 1, 'timeout'],
      ['a driver data error', { kind: 'fail', type: 'driver', code: 66 }, 'driver', 66, 'data'],
      ['an agent data error', { kind: 'fail', type: 'agent', code: 2007 }, 'agent', 2007, 'data'],
      ['a register fault', { kind: 'fail', type: 'driver', code: 68 }, 'driver', 68, 'register'],
      [
        'a fault counted as data',
        { kind: 'fail', type: 'driver', code: 134 },
        'driver',
        134,
        'data',
      ],
    ] as const)('when the document meets %s, then fail is classified', async (...row) => {
      const [, fault, type, code, errorClass] = row;
      h.atol.emulator.addFaults([{ ...fault, times: 1 }]);
      const atolClient = client();
      const registered = await atolClient.register('sell', sellBody());

      const outcome = await finalReport(atolClient, (registered as { uuid: string }).uuid);

      expect(outcome).toMatchObject({ kind: 'fail', error: { type, code }, errorClass });
    });

    it('when the company INN is wrong, then the fail is a data error (agent 2003)', async () => {
      const atolClient = client();
      const body = changed(sellBody(), (b) => (b.receipt.company.inn = '7712345678'));
      const registered = await atolClient.register('sell', body);

      const outcome = await finalReport(atolClient, (registered as { uuid: string }).uuid);

      expect(outcome).toMatchObject({ kind: 'fail', errorClass: 'data', error: { code: 2003 } });
    });

    it('when the uuid is unknown (30), then the outcome says so', async () => {
      const outcome = await client().report('3f1c2d4a-0b7e-4e9a-9c55-1f2e3d4c5b6a');

      expect(outcome).toMatchObject({ kind: 'unknown_uuid', httpStatus: 400, error: { code: 30 } });
    });

    it('when a report meets a 500, then it is unavailable', async () => {
      h.atol.emulator.addFaults([{ kind: 'http500', on: ['report'], times: 1 }]);

      const outcome = await client().report('3f1c2d4a-0b7e-4e9a-9c55-1f2e3d4c5b6a');

      expect(outcome).toMatchObject({ kind: 'unavailable', httpStatus: 500 });
    });
  });
});
