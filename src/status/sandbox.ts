import type { Config } from '../config/config-types';
import { ATOL_TEST_ACCOUNT } from '../emulator/emulator-options';
import { createEmulator, type Emulator } from '../emulator/emulator';
import type { Logger } from '../logger/logger';

/** The in-process ATOL emulator of sandbox mode, and the config that points at it. */
export interface Sandbox {
  /** The given config with the ATOL base URL set to the emulator. */
  config: Config;
  emulator: Emulator;
  close(): Promise<void>;
}

/**
 * Sandbox mode (no ATOL credentials outside production, decided by the config): starts the
 * built-in emulator on a free loopback port and returns the config pointed at it, so that a
 * first `npm start` registers receipts end to end with nothing else installed. The emulator's
 * account is the config's own (ATOL's public test account and test company, reference §1.2),
 * so the company checks pass exactly as they would at ATOL's test registers.
 */
export async function startSandbox(config: Config, logger: Logger): Promise<Sandbox> {
  const log = logger.child({ module: 'sandbox' });
  if (config.atol.apiVersion !== 4) {
    throw new Error(
      'The sandbox emulator speaks ATOL protocol v4 only: unset ATOL_API_VERSION, ' +
        'or give ATOL credentials to use the real service',
    );
  }
  const emulator = createEmulator({
    accounts: [
      {
        ...ATOL_TEST_ACCOUNT,
        login: config.atol.login,
        password: config.atol.password,
        groupCode: config.atol.groupCode,
        inn: config.company.inn,
        paymentAddress: config.company.paymentAddress,
      },
    ],
    timeZone: config.timeZone,
    logger: log,
  });
  const { url } = await emulator.start(0);
  log.warn(
    `Sandbox mode: ATOL requests go to the built-in emulator at ${url}; receipts are not real`,
    {
      url,
    },
  );

  return {
    config: { ...config, atol: { ...config.atol, baseUrl: url } },
    emulator,
    close: () => emulator.close(),
  };
}

/** Where ATOL calls go, for /health: `sandbox`, or the ATOL host. */
export function atolTarget(config: Pick<Config, 'atol'>): string {
  return config.atol.sandbox ? 'sandbox' : new URL(config.atol.baseUrl).host;
}
