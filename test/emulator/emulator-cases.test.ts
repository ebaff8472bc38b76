import { createPreviewService, createRequestFactory } from '../../src/receipt';
import { loadSharedCases } from '../helpers/shared-cases';
import { testSettings } from '../receipt/receipt-fixtures';
import { eventually, RunningEmulator, startEmulator } from './emulator-http';

// The shop cases (../shared/cases beside the repository, else test/fixtures/cases): every valid
// one, built by the receipt engine exactly as a send would build it, must be accepted and
// fiscalised by the emulator.
const validCases = loadSharedCases()
  .filter((shopCase) => !shopCase.expect.refused)
  .map((shopCase) => [shopCase.file, shopCase] as const);

describe('emulator accepts what the receipt engine builds (shared/cases)', () => {
  let atol: RunningEmulator;
  const preview = createPreviewService({
    settings: testSettings(),
    apiVersion: 4,
    factory: createRequestFactory(),
    now: () => new Date('2026-12-03T09:00:00Z'),
  });

  beforeAll(async () => {
    atol = await startEmulator({ processingDelayMs: 0 });
  });
  afterAll(() => atol.close());

  it('when the cases are listed, then there are valid ones to check', () => {
    expect(validCases.length).toBeGreaterThanOrEqual(10);
  });

  it.each(validCases)(
    'when case %s is sent, then it is registered and done',
    async (_, shopCase) => {
      const { operation, request } = preview.preview(shopCase.kind, shopCase.document);

      const registered = await atol.register(request, operation);

      expect(registered.body.error).toBeNull();
      const report = await eventually(async () => {
        const answer = await atol.report(registered.body.uuid);
        return answer.body.status === 'wait' ? undefined : answer.body;
      });
      expect(report.error).toBeNull();
      expect(report.status).toBe('done');
      expect(report.payload.total).toBe((request as { receipt: { total: number } }).receipt.total);
    },
  );
});
