import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from './config-error';
import { loadConfig } from './load-config';
import { maskConfig, secretValues } from './mask-config';

const productionEnv = {
  NODE_ENV: 'production',
  SHOP_API_KEYS: 'shop-key-0123456789abcdef',
  ADMIN_PASSWORD: 'admin-password-0123456789',
  CALLBACK_SECRET: 'callback-secret-0123456789',
  ATOL_LOGIN: 'login',
  ATOL_PASSWORD: 'atol-password',
  ATOL_GROUP_CODE: 'group_1',
  COMPANY_INN: '7712345678',
  COMPANY_PAYMENT_ADDRESS: 'https://shop.example',
  COMPANY_EMAIL: 'shop@shop.example',
};

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('when the environment is empty, then development defaults and the sandbox are used', () => {
    const config = loadConfig({});

    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      publicUrl: 'http://localhost:3000',
      dataDir: './data',
      timeZone: 'Europe/Moscow',
      shopApiKeys: ['dev-shop-key'],
      callbackPath: '/kkm/callback/dev-callback-secret',
      atol: { sandbox: true, login: 'v4-online-atol-ru', groupCode: 'v4-online-atol-ru_4179' },
      company: { inn: '5544332219', paymentAddress: 'https://v4.online.atol.ru' },
      queue: { retryScheduleSeconds: [60, 300, 900, 1800, 3600], maxTries: 10 },
    });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.notices.join('\n')).toMatch(
      /SHOP_API_KEYS is not set: using the development default/,
    );
    expect(config.shopApiKeys).toEqual(['dev-shop-key']);
  });

  it('when API version 5 runs in the sandbox, then the v5 test account is used', () => {
    const config = loadConfig({ ATOL_API_VERSION: '5' });

    expect(config.atol).toMatchObject({ apiVersion: 5, login: 'v5-online-atol-ru' });
    expect(config.company.paymentAddress).toBe('https://v5.online.atol.ru');
  });

  it('when several settings are bad, then every problem is listed at once', () => {
    const problems = problemsOf({
      PORT: 'abc',
      DATABASE_URL: 'nonsense',
      TIME_ZONE: 'Mars/Olympus',
      SCHEDULE_POLLER: 'every minute',
      MIGRATE_ON_START: 'maybe',
    });

    expect(problems).toEqual([
      expect.stringMatching(/^PORT: .*"abc"/),
      expect.stringMatching(/^DATABASE_URL: must be a postgres/),
      expect.stringMatching(/^MIGRATE_ON_START: /),
      expect.stringMatching(/^TIME_ZONE: /),
      expect.stringMatching(/^SCHEDULE_POLLER: /),
    ]);
  });

  it('when production lacks secrets and credentials, then each one is a problem', () => {
    const problems = problemsOf({ NODE_ENV: 'production', PORT: 'x' }).join('\n');

    for (const name of ['PORT', 'SHOP_API_KEYS', 'ADMIN_PASSWORD', 'CALLBACK_SECRET']) {
      expect(problems).toContain(`${name}:`);
    }
    expect(problems).toMatch(/ATOL credentials are required/);
    expect(problems).toMatch(/COMPANY_INN/);
  });

  it('when production has everything, then ATOL production is used and no sandbox', () => {
    const config = loadConfig(productionEnv);

    expect(config.atol).toMatchObject({ sandbox: false, baseUrl: 'https://online.atol.ru' });
    expect(config.logFormat).toBe('json');
    expect(config.company.isTestCompany).toBe(false);
  });

  it('when production uses a short or default secret, then it is refused', () => {
    const problems = problemsOf({
      ...productionEnv,
      ADMIN_PASSWORD: 'admin',
      SHOP_API_KEYS: 'a,b',
    });

    expect(problems.filter((p) => p.startsWith('SHOP_API_KEYS'))).toHaveLength(2);
    expect(problems.some((p) => p.startsWith('ADMIN_PASSWORD'))).toBe(true);
  });

  it('when only some ATOL credentials are given, then that is a problem', () => {
    expect(problemsOf({ ATOL_LOGIN: 'x' })).toEqual([
      expect.stringMatching(/ATOL_LOGIN, ATOL_PASSWORD and ATOL_GROUP_CODE go together/),
      expect.stringMatching(/^COMPANY_INN/),
      expect.stringMatching(/^COMPANY_PAYMENT_ADDRESS/),
      expect.stringMatching(/^COMPANY_EMAIL/),
    ]);
  });

  it('when the metrics port is the service port, then that is a problem', () => {
    expect(problemsOf({ PORT: '3000', METRICS_PORT: '3000' })).toEqual([
      'METRICS_PORT: must differ from PORT (or leave it unset and use METRICS_TOKEN)',
    ]);
  });

  it('when the queue lock is shorter than the ATOL timeout, then that is a problem', () => {
    expect(problemsOf({ QUEUE_LOCK_TTL_MS: '5000', ATOL_TIMEOUT_MS: '10000' })).toEqual([
      'QUEUE_LOCK_TTL_MS: must be greater than ATOL_TIMEOUT_MS',
    ]);
  });
});

describe('secrets from files', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kkm-config-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('when NAME_FILE points at a file, then its content without the newline is used', () => {
    const file = path.join(dir, 'callback');
    fs.writeFileSync(file, 'from-a-file-secret\n');

    const config = loadConfig({ CALLBACK_SECRET_FILE: file });

    expect(config.callbackSecret).toBe('from-a-file-secret');
  });

  it('when NAME_FILE cannot be read or NAME is also set, then both are problems', () => {
    const problems = problemsOf({
      ADMIN_PASSWORD_FILE: path.join(dir, 'missing'),
      CALLBACK_SECRET: 'a',
      CALLBACK_SECRET_FILE: path.join(dir, 'callback'),
    });

    expect(problems).toEqual([
      expect.stringMatching(/^ADMIN_PASSWORD_FILE: cannot read .*ENOENT/),
      'CALLBACK_SECRET_FILE: set either CALLBACK_SECRET or CALLBACK_SECRET_FILE, not both',
    ]);
  });
});

describe('maskConfig', () => {
  it('when the configuration is masked, then no secret value is left in it', () => {
    const config = loadConfig({
      ...productionEnv,
      DATABASE_URL: 'postgres://kkm:db-password@db/kkm',
      SMTP_URL: 'smtp://user:smtp-password@mail:25',
    });

    const text = JSON.stringify(maskConfig(config));

    for (const value of [...secretValues(config), 'db-password', 'smtp-password']) {
      expect(text).not.toContain(value);
    }
    expect(text).toContain('postgres://kkm:********@db/kkm');
  });
});
