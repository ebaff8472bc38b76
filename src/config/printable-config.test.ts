import { loadConfig } from './load-config';
import { printableConfig, SANDBOX_BASE_URL } from './printable-config';

describe('printableConfig', () => {
  it('when the sandbox is on, then the ATOL address says the built-in emulator', () => {
    const config = loadConfig({});

    const printed = printableConfig(config);

    expect(printed.atol).toMatchObject({ sandbox: true, baseUrl: SANDBOX_BASE_URL });
    expect(JSON.stringify(printed)).not.toContain('testonline.atol.ru');
  });

  it('when ATOL credentials are given, then the configured ATOL address is shown', () => {
    const config = loadConfig({
      ATOL_LOGIN: 'login',
      ATOL_PASSWORD: 'atol-password',
      ATOL_GROUP_CODE: 'group_1',
      ATOL_BASE_URL: 'http://127.0.0.1:8080',
      COMPANY_INN: '5544332219',
      COMPANY_PAYMENT_ADDRESS: 'https://v4.online.atol.ru',
      COMPANY_EMAIL: 'shop@shop.example',
    });

    const printed = printableConfig(config);

    expect(printed.atol).toMatchObject({ sandbox: false, baseUrl: 'http://127.0.0.1:8080' });
    expect(printed.atol.password).not.toBe('atol-password');
  });
});
