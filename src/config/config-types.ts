import type { LogFormat, LogLevel } from '../logger/logger';

/** Tax systems ATOL accepts in `company.sno` (reference §3.11). */
export const SNO_VALUES = [
  'osn',
  'usn_income',
  'usn_income_outcome',
  'envd',
  'esn',
  'patent',
] as const;
export type Sno = (typeof SNO_VALUES)[number];

/** VAT rates a shop may send (reference §3.11); vat18/vat118 are gone since 2019. */
export const VAT_VALUES = [
  'none',
  'vat0',
  'vat5',
  'vat7',
  'vat10',
  'vat20',
  'vat22',
  'vat105',
  'vat107',
  'vat110',
  'vat120',
  'vat122',
] as const;
export type VatType = (typeof VAT_VALUES)[number];

/** `items[].payment_method` values (reference §3.11). */
export const PAYMENT_METHODS = [
  'full_prepayment',
  'prepayment',
  'advance',
  'full_payment',
  'partial_payment',
  'credit',
  'credit_payment',
] as const;

/** `items[].payment_object` values of the v4 schema (reference §3.11). */
export const PAYMENT_OBJECTS = [
  'commodity',
  'excise',
  'job',
  'service',
  'gambling_bet',
  'gambling_prize',
  'lottery',
  'lottery_prize',
  'intellectual_activity',
  'payment',
  'agent_commission',
  'award',
  'another',
  'property_right',
  'non-operating_gain',
  'insurance_premium',
  'sales_tax',
  'resort_fee',
  'deposit',
  'expense',
  'pension_insurance_ip',
  'pension_insurance',
  'medical_insurance_ip',
  'medical_insurance',
  'social_insurance',
  'casino_payment',
] as const;

export type NodeEnv = 'development' | 'production' | 'test';
export type ContactPreference = 'email' | 'phone' | 'both';

export interface AtolConfig {
  login: string;
  password: string;
  groupCode: string;
  /** Host part only, e.g. https://online.atol.ru; the client appends /possystem/v{apiVersion}/. */
  baseUrl: string;
  apiVersion: 4 | 5;
  /** No credentials outside production: talk to the in-process emulator with test credentials. */
  sandbox: boolean;
  timeoutMs: number;
  source?: string;
  pollRatePerSecond: number;
}

export interface CompanyConfig {
  key: string;
  inn: string;
  sno: Sno;
  paymentAddress: string;
  email: string;
  /** ATOL's public test company (reference §1.2): receipts are not real. */
  isTestCompany: boolean;
}

export interface ReceiptSettings {
  defaultVat: VatType;
  defaultPaymentMethod: string;
  defaultPaymentObject: string;
  defaultMeasurementUnit: string;
  shippingPaymentObject: string;
  contactPreference: ContactPreference;
}

export interface QueueConfig {
  retryScheduleSeconds: number[];
  maxTries: number;
  workers: number;
  pollIntervalMs: number;
  lockTtlMs: number;
}

/** The whole configuration, parsed once at start by `loadConfig`. */
export interface Config {
  nodeEnv: NodeEnv;
  port: number;
  publicUrl: string;
  databaseUrl?: string;
  databasePoolMax: number;
  dataDir: string;
  migrateOnStart: boolean;
  logLevel: LogLevel;
  logFormat: LogFormat;
  timeZone: string;
  /** Largest accepted request body, in bytes. */
  bodyLimitBytes: number;
  /** How long a shutdown waits for in-flight requests and job runs. */
  shutdownTimeoutMs: number;
  shopApiKeys: string[];
  adminUser: string;
  adminPassword: string;
  callbackSecret: string;
  callbackPath: string;
  callbackTrust: 'verify' | 'trust';
  atol: AtolConfig;
  company: CompanyConfig;
  receipt: ReceiptSettings;
  sendMode: 'async' | 'sync';
  autoSend: { invoice: boolean; refund: boolean };
  queue: QueueConfig;
  webhook?: { url: string; secret: string };
  /** Cron expressions (node-cron, optional seconds field); `off` disables a job. */
  schedule: { poller: string; dailyReport: string; weeklyReport: string };
  smtpUrl?: string;
  reportRecipients: string[];
  reportFrom: string;
  reportSendEmpty: boolean;
  /** Minutes in `wait` after which a report lists a document as stuck. */
  reportStuckMinutes: number;
  metrics: { token?: string; port?: number };
  /** Development defaults and sandbox choices made while loading; logged at start. */
  notices: string[];
}
