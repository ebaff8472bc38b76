import {
  ATOL_HOSTS,
  ATOL_TEST_ACCOUNTS,
  ATOL_TEST_INN,
  SANDBOX_COMPANY_EMAIL,
} from './atol-sandbox';
import type { AtolConfig, CompanyConfig, Config, QueueConfig } from './config-types';
import type { RawEnv } from './env-schema';

/** Development defaults for secrets; they are refused in production. */
export const DEV_DEFAULTS = {
  shopApiKey: 'dev-shop-key',
  adminPassword: 'admin',
  callbackSecret: 'dev-callback-secret',
  webhookSecret: 'dev-webhook-secret',
} as const;

const MIN_PRODUCTION_SECRET = 16;
const INN = /^(\d{10}|\d{12})$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const PATH_SAFE = /^[A-Za-z0-9._~-]+$/;

/** Collects problems and notices while the configuration is assembled. */
class Findings {
  readonly problems: string[] = [];
  readonly notices: string[] = [];

  problem(name: string, message: string): void {
    this.problems.push(`${name}: ${message}`);
  }
}

/** Turns parsed environment values into the Config, checking rules that span settings. */
export function buildConfig(env: RawEnv): { config: Config; problems: string[] } {
  const found = new Findings();
  const production = env.NODE_ENV === 'production';
  const atol = buildAtol(env, found);

  const config: Config = {
    nodeEnv: env.NODE_ENV,
    port: env.PORT,
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    ...(env.DATABASE_URL === undefined ? {} : { databaseUrl: env.DATABASE_URL }),
    databasePoolMax: env.DATABASE_POOL_MAX,
    dataDir: env.DATA_DIR,
    migrateOnStart: env.MIGRATE_ON_START,
    logLevel: env.LOG_LEVEL,
    logFormat: env.LOG_FORMAT ?? (production ? 'json' : 'pretty'),
    timeZone: env.TIME_ZONE,
    bodyLimitBytes: env.BODY_LIMIT,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    ...buildSecrets(env, found),
    callbackTrust: env.CALLBACK_TRUST,
    atol,
    company: buildCompany(env, atol, found),
    receipt: {
      defaultVat: env.RECEIPT_DEFAULT_VAT,
      defaultPaymentMethod: env.RECEIPT_PAYMENT_METHOD,
      defaultPaymentObject: env.RECEIPT_PAYMENT_OBJECT,
      defaultMeasurementUnit: env.RECEIPT_MEASUREMENT_UNIT,
      shippingPaymentObject: env.RECEIPT_SHIPPING_PAYMENT_OBJECT,
      contactPreference: env.RECEIPT_CONTACT_PREFERENCE,
    },
    sendMode: env.SEND_MODE,
    autoSend: { invoice: env.AUTO_SEND_INVOICES, refund: env.AUTO_SEND_REFUNDS },
    queue: buildQueue(env, found),
    ...buildWebhook(env, found),
    schedule: {
      poller: env.SCHEDULE_POLLER,
      dailyReport: env.SCHEDULE_DAILY_REPORT,
      weeklyReport: env.SCHEDULE_WEEKLY_REPORT,
    },
    ...(env.SMTP_URL === undefined ? {} : { smtpUrl: env.SMTP_URL }),
    reportRecipients: env.REPORT_RECIPIENTS,
    reportFrom: env.REPORT_FROM,
    reportSendEmpty: env.REPORT_SEND_EMPTY,
    reportStuckMinutes: env.REPORT_STUCK_MINUTES,
    metrics: {
      ...(env.METRICS_TOKEN === undefined ? {} : { token: env.METRICS_TOKEN }),
      ...(env.METRICS_PORT === undefined ? {} : { port: env.METRICS_PORT }),
    },
    notices: found.notices,
  };
  checkReports(config, found);
  if (env.METRICS_PORT !== undefined && env.METRICS_PORT === env.PORT) {
    found.problem(
      'METRICS_PORT',
      'must differ from PORT (or leave it unset and use METRICS_TOKEN)',
    );
  }
  return { config, problems: found.problems };
}

/** A secret: required in production (and long enough), a named default elsewhere. */
function secret(
  name: string,
  value: string | undefined,
  fallback: string,
  env: RawEnv,
  found: Findings,
): string {
  if (env.NODE_ENV !== 'production') {
    if (value !== undefined) return value;
    // Named by the README, not here: the log masks the secret values it knows, this one too.
    found.notices.push(`${name} is not set: using the development default (README, Quick start)`);
    return fallback;
  }
  if (value === undefined) found.problem(name, 'is required when NODE_ENV=production');
  else if (value.length < MIN_PRODUCTION_SECRET || value === fallback) {
    found.problem(name, `must be at least ${MIN_PRODUCTION_SECRET} characters in production`);
  }
  return value ?? '';
}

function buildShopApiKeys(env: RawEnv, found: Findings): string[] {
  const name = 'SHOP_API_KEYS';
  if (env.SHOP_API_KEYS.length === 0) {
    const fallback = secret(name, undefined, DEV_DEFAULTS.shopApiKey, env, found);
    return fallback === '' ? [] : [fallback];
  }
  for (const key of env.SHOP_API_KEYS) secret(name, key, DEV_DEFAULTS.shopApiKey, env, found);
  return env.SHOP_API_KEYS;
}

function buildSecrets(env: RawEnv, found: Findings) {
  const callbackSecret = secret(
    'CALLBACK_SECRET',
    env.CALLBACK_SECRET,
    DEV_DEFAULTS.callbackSecret,
    env,
    found,
  );
  if (callbackSecret !== '' && !PATH_SAFE.test(callbackSecret)) {
    found.problem('CALLBACK_SECRET', 'may hold only letters, digits and . _ ~ -');
  }
  return {
    shopApiKeys: buildShopApiKeys(env, found),
    adminUser: env.ADMIN_USER,
    adminPassword: secret(
      'ADMIN_PASSWORD',
      env.ADMIN_PASSWORD,
      DEV_DEFAULTS.adminPassword,
      env,
      found,
    ),
    callbackSecret,
    callbackPath: `/kkm/callback/${callbackSecret}`,
  };
}

function buildAtol(env: RawEnv, found: Findings): AtolConfig {
  const apiVersion = env.ATOL_API_VERSION === '5' ? 5 : 4;
  const given = [env.ATOL_LOGIN, env.ATOL_PASSWORD, env.ATOL_GROUP_CODE];
  const hasAll = given.every((value) => value !== undefined);
  const hasAny = given.some((value) => value !== undefined);
  const production = env.NODE_ENV === 'production';

  if (hasAny && !hasAll) {
    found.problem('ATOL_LOGIN', 'ATOL_LOGIN, ATOL_PASSWORD and ATOL_GROUP_CODE go together');
  } else if (!hasAll && production) {
    found.problem('ATOL_LOGIN', 'ATOL credentials are required when NODE_ENV=production');
  }
  if (env.ATOL_BASE_URL?.includes('/possystem')) {
    found.problem('ATOL_BASE_URL', 'give the host only, e.g. https://online.atol.ru');
  }

  const sandbox = !hasAny && !production;
  const test = ATOL_TEST_ACCOUNTS[apiVersion];
  if (sandbox) {
    found.notices.push(
      'ATOL credentials are not set: sandbox mode, receipts go to the built-in ATOL emulator ' +
        `with ATOL's public test account ${test.login}`,
    );
  }
  const atolEnv = env.ATOL_ENV ?? (production ? 'production' : 'test');
  return {
    login: sandbox ? test.login : (env.ATOL_LOGIN ?? ''),
    password: sandbox ? test.password : (env.ATOL_PASSWORD ?? ''),
    groupCode: sandbox ? test.groupCode : (env.ATOL_GROUP_CODE ?? ''),
    baseUrl: env.ATOL_BASE_URL ?? ATOL_HOSTS[atolEnv],
    apiVersion,
    sandbox,
    timeoutMs: env.ATOL_TIMEOUT_MS,
    ...(env.ATOL_SOURCE === undefined ? {} : { source: env.ATOL_SOURCE }),
    pollRatePerSecond: env.ATOL_POLL_RATE,
  };
}

function buildCompany(env: RawEnv, atol: AtolConfig, found: Findings): CompanyConfig {
  if (atol.sandbox) {
    if (env.COMPANY_INN !== undefined && env.COMPANY_INN !== ATOL_TEST_INN) {
      found.notices.push(`COMPANY_INN is ignored in sandbox mode: using ATOL's test company`);
    }
    return {
      key: env.COMPANY_KEY,
      inn: ATOL_TEST_INN,
      sno: env.COMPANY_SNO,
      paymentAddress: ATOL_TEST_ACCOUNTS[atol.apiVersion].paymentAddress,
      email: env.COMPANY_EMAIL ?? SANDBOX_COMPANY_EMAIL,
      isTestCompany: true,
    };
  }
  const inn = env.COMPANY_INN ?? '';
  if (!INN.test(inn)) found.problem('COMPANY_INN', 'is required: 10 or 12 digits');
  const paymentAddress = env.COMPANY_PAYMENT_ADDRESS ?? '';
  if (paymentAddress === '' || paymentAddress.length > 256) {
    found.problem('COMPANY_PAYMENT_ADDRESS', 'is required: the shop site URL, ≤ 256 characters');
  }
  const email = env.COMPANY_EMAIL ?? '';
  if (!EMAIL.test(email) || email.length > 64) {
    found.problem('COMPANY_EMAIL', 'is required: an e-mail address, ≤ 64 characters');
  }
  return {
    key: env.COMPANY_KEY,
    inn,
    sno: env.COMPANY_SNO,
    paymentAddress,
    email,
    isTestCompany: inn === ATOL_TEST_INN,
  };
}

function buildQueue(env: RawEnv, found: Findings): QueueConfig {
  const parts = env.RETRY_SCHEDULE.split(',').map((part) => part.trim());
  const seconds = parts.map((part) => (/^\d+$/.test(part) ? Number(part) : Number.NaN));
  if (seconds.some((value) => !(value > 0))) {
    found.problem('RETRY_SCHEDULE', `must be positive whole seconds, comma-separated`);
  }
  if (env.QUEUE_LOCK_TTL_MS <= env.ATOL_TIMEOUT_MS) {
    found.problem('QUEUE_LOCK_TTL_MS', 'must be greater than ATOL_TIMEOUT_MS');
  }
  return {
    retryScheduleSeconds: seconds.filter((value) => value > 0),
    maxTries: env.MAX_TRIES,
    workers: env.QUEUE_WORKERS,
    pollIntervalMs: env.QUEUE_POLL_INTERVAL_MS,
    lockTtlMs: env.QUEUE_LOCK_TTL_MS,
  };
}

function buildWebhook(env: RawEnv, found: Findings): Pick<Config, 'webhook'> {
  if (env.SHOP_WEBHOOK_URL === undefined) return {};
  const value = secret(
    'SHOP_WEBHOOK_SECRET',
    env.SHOP_WEBHOOK_SECRET,
    DEV_DEFAULTS.webhookSecret,
    env,
    found,
  );
  return { webhook: { url: env.SHOP_WEBHOOK_URL, secret: value } };
}

function checkReports(config: Config, found: Findings): void {
  const bad = config.reportRecipients.filter((address) => !EMAIL.test(address));
  if (bad.length > 0) found.problem('REPORT_RECIPIENTS', `not e-mail addresses: ${bad.join(', ')}`);
  if (!EMAIL.test(config.reportFrom)) found.problem('REPORT_FROM', 'must be an e-mail address');
}
