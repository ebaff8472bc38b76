import { ATOL_TEST_ACCOUNTS, ATOL_TEST_INN } from '../config/atol-sandbox';
import type { EmulatorAccount, EmulatorOptions, ResolvedEmulatorOptions } from './emulator-types';
import { DEFAULT_VAT_DATE_RULES } from './vat-date-rules';

/**
 * ATOL's public v4 test account and test company (reference §1.2). Our sandbox sends the same
 * INN and payment address, so its receipts pass the company checks unchanged.
 */
export const ATOL_TEST_ACCOUNT: EmulatorAccount = {
  login: ATOL_TEST_ACCOUNTS[4].login,
  password: ATOL_TEST_ACCOUNTS[4].password,
  groupCode: ATOL_TEST_ACCOUNTS[4].groupCode,
  inn: ATOL_TEST_INN,
  paymentAddress: ATOL_TEST_ACCOUNTS[4].paymentAddress,
  // ENVD was abolished in 2021; a register not registered for it fails with driver 143.
  snos: ['osn', 'usn_income', 'usn_income_outcome', 'esn', 'patent'],
};

/** Fills in every default. */
export function resolveEmulatorOptions(options: EmulatorOptions = {}): ResolvedEmulatorOptions {
  return {
    accounts: options.accounts ?? [ATOL_TEST_ACCOUNT],
    tokenTtlMs: options.tokenTtlMs ?? 24 * 60 * 60 * 1000,
    processingDelayMs: options.processingDelayMs ?? 1000,
    answer34WhileWaiting: options.answer34WhileWaiting ?? true,
    queueTimeoutMs: options.queueTimeoutMs ?? 300_000,
    callbackTimeoutMs: options.callbackTimeoutMs ?? 5000,
    callbackRetries: options.callbackRetries ?? 0,
    allowLoopbackCallbacks: options.allowLoopbackCallbacks ?? true,
    checkCompany: options.checkCompany ?? true,
    vatDateRules: options.vatDateRules ?? DEFAULT_VAT_DATE_RULES,
    limits: {
      maxMoney: 42_949_672.95,
      maxTotal: 99_999_999.99,
      maxQuantity: 99_999.999,
      ...options.limits,
    },
    legacyComposite: options.legacyComposite ?? false,
    timeZone: options.timeZone ?? 'Europe/Moscow',
    faults: options.faults ?? [],
    host: options.host ?? '127.0.0.1',
    logger: options.logger ?? silentLogger,
  };
}

const silentLogger = { info: () => undefined, warn: () => undefined, debug: () => undefined };
