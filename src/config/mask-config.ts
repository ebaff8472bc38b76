import { DEV_DEFAULTS } from './build-config';
import type { Config } from './config-types';
import { ATOL_TEST_ACCOUNTS } from './atol-sandbox';

const MASK = '********';

function maskUrlPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = MASK;
    return parsed.toString();
  } catch {
    return MASK;
  }
}

/** The configuration with secrets masked, for `kkm config check` and start-up logs. */
export function maskConfig(config: Config): Config {
  return {
    ...config,
    ...(config.databaseUrl === undefined
      ? {}
      : { databaseUrl: maskUrlPassword(config.databaseUrl) }),
    shopApiKeys: config.shopApiKeys.map(() => MASK),
    adminPassword: MASK,
    callbackSecret: MASK,
    callbackPath: '/kkm/callback/' + MASK,
    atol: { ...config.atol, password: MASK },
    ...(config.webhook === undefined ? {} : { webhook: { ...config.webhook, secret: MASK } }),
    ...(config.smtpUrl === undefined ? {} : { smtpUrl: maskUrlPassword(config.smtpUrl) }),
    metrics: {
      ...config.metrics,
      ...(config.metrics.token === undefined ? {} : { token: MASK }),
    },
  };
}

/**
 * Secret values the logger masks wherever they appear (e.g. the callback secret inside a logged
 * URL). Public development defaults and ATOL's public test password are left out: they are no
 * secret, and the start-up log names them on purpose.
 */
export function secretValues(config: Config): string[] {
  const publicValues = new Set<string>([
    ...Object.values(DEV_DEFAULTS),
    ATOL_TEST_ACCOUNTS[4].password,
    ATOL_TEST_ACCOUNTS[5].password,
  ]);
  const candidates = [
    ...config.shopApiKeys,
    config.adminPassword,
    config.callbackSecret,
    config.atol.password,
    config.webhook?.secret,
    config.metrics.token,
  ];
  return candidates.filter(
    (value): value is string => value !== undefined && value !== '' && !publicValues.has(value),
  );
}
