/**
 * ATOL's public test credentials and test company (reference §1.2). The sandbox uses them so
 * that receipts built without any setup are accepted by the test registers too: the company INN
 * and payment address must match the register, or the document fails with agent errors.
 */
export const ATOL_TEST_ACCOUNTS = {
  4: {
    login: 'v4-online-atol-ru',
    password: 'iGFFuihss',
    groupCode: 'v4-online-atol-ru_4179',
    paymentAddress: 'https://v4.online.atol.ru',
  },
  5: {
    login: 'v5-online-atol-ru',
    password: 'zUr0OxfI',
    groupCode: 'v5-online-atol-ru_5179',
    paymentAddress: 'https://v5.online.atol.ru',
  },
} as const;

/** INN of ATOL's test company, the same for v4 and v5. */
export const ATOL_TEST_INN = '5544332219';

/** ATOL hosts by environment (reference §1.1); the client appends /possystem/v{N}/. */
export const ATOL_HOSTS = {
  test: 'https://testonline.atol.ru',
  production: 'https://online.atol.ru',
} as const;

/** Seller e-mail used in the sandbox when COMPANY_EMAIL is unset. */
export const SANDBOX_COMPANY_EMAIL = 'sandbox@kkm.example';
