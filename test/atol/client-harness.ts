import { AtolClient, AtolClientOptions, createAtolClient } from '../../src/atol/atol-client';
import type { AtolRequestLogEntry, ReportOutcome } from '../../src/atol/atol-types';
import { createSilentLogger } from '../../src/logger';
import { eventually, RunningEmulator, startEmulator } from '../emulator/emulator-http';
import { testAccount } from '../emulator/v4-bodies';

export interface ClientHarness {
  /** The emulator of the test file (set in beforeAll). */
  atol: RunningEmulator;
  /** The request log of the current test. */
  entries: AtolRequestLogEntry[];
  /** A client for the emulator's test account; options override the defaults. */
  client(overrides?: Partial<AtolClientOptions>): AtolClient;
  /** How many requests of one action the current test made. */
  calls(action: AtolRequestLogEntry['action']): number;
  /** Polls until the document leaves `wait`. */
  finalReport(client: AtolClient, uuid: string): Promise<ReportOutcome>;
}

/**
 * Registers the hooks of a client-against-emulator test file: one emulator (no processing
 * delay, 50 ms queue timeout, plus a blocked account), reset before each test.
 */
export function useClientHarness(): ClientHarness {
  const harness: ClientHarness = {
    atol: undefined as unknown as RunningEmulator,
    entries: [],
    client: (overrides = {}) =>
      createAtolClient({
        baseUrl: harness.atol.url,
        apiVersion: 4,
        login: testAccount.login,
        password: testAccount.password,
        groupCode: testAccount.groupCode,
        timeoutMs: 2000,
        logger: createSilentLogger(),
        onRequest: (entry) => void harness.entries.push(entry),
        ...overrides,
      }),
    calls: (action) => harness.entries.filter((entry) => entry.action === action).length,
    finalReport: (client, uuid) =>
      eventually(async () => {
        const outcome = await client.report(uuid);
        return outcome.kind === 'wait' ? undefined : outcome;
      }),
  };

  beforeAll(async () => {
    harness.atol = await startEmulator({
      processingDelayMs: 0,
      queueTimeoutMs: 50,
      accounts: [
        testAccount,
        { ...testAccount, login: 'blocked', groupCode: 'b_1', blocked: true },
      ],
    });
  });
  beforeEach(() => {
    harness.atol.emulator.reset();
    harness.entries = [];
  });
  afterAll(() => harness.atol.close());

  return harness;
}
