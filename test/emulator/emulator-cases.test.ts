import fs from 'node:fs';
import path from 'node:path';
import { createPreviewService, createRequestFactory } from '../../src/receipt';
import { testSettings } from '../receipt/receipt-fixtures';
import { eventually, RunningEmulator, startEmulator } from './emulator-http';

// The shop cases beside the repository (shared/cases): every valid one, built by the receipt
// engine exactly as a send would build it, must be accepted and fiscalised by the emulator.
const casesDir = path.resolve(__dirname, '../../../shared/cases');

interface ShopCase {
  title: string;
  kind: 'invoice' | 'refund';
  document: unknown;
  expect: { refused?: boolean };
}

const validCases = fs
  .readdirSync(casesDir)
  .filter((name) => name.endsWith('.json'))
  .map((name) => [name, JSON.parse(fs.readFileSync(path.join(casesDir, name), 'utf8'))] as const)
  .filter(([, shopCase]: readonly [string, ShopCase]) => !shopCase.expect.refused);

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
