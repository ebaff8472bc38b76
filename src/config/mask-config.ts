import type { Config } from './config-types';

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
 * Secret values masked wherever they appear (e.g. the callback secret inside a logged URL or in
 * the callback_url of a logged ATOL request). Development defaults and ATOL's public test
 * password are masked too: whoever reads a log or an admin page need not see them.
 */
export function secretValues(config: Config): string[] {
  const candidates = [
    ...config.shopApiKeys,
    config.adminPassword,
    config.callbackSecret,
    config.atol.password,
    config.webhook?.secret,
    config.metrics.token,
  ];
  return candidates.filter((value): value is string => value !== undefined && value !== '');
}
