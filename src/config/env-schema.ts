import { z } from 'zod';
import {
  bool,
  byteSize,
  cronExpression,
  httpUrl,
  int,
  list,
  oneOf,
  optionalInt,
  optionalOneOf,
  optionalText,
  positiveNumber,
  secretUrl,
  text,
  timeZone,
} from './env-fields';
import { PAYMENT_METHODS, PAYMENT_OBJECTS, SNO_VALUES, VAT_VALUES } from './config-types';

/**
 * Every environment variable the service reads, with its default. The README's configuration
 * table and .env.example list the same names; keep the three in step.
 */
export const envSchema = z.object({
  /** development | production | test; production makes secrets and ATOL credentials required. */
  NODE_ENV: oneOf(['development', 'production', 'test'], 'development'),
  /** HTTP port; 0 picks a free one (tests). */
  PORT: int(3000, 0, 65535),
  /** The address shops and ATOL reach us at; callback URLs are built from it. */
  PUBLIC_URL: httpUrl(),
  /** PostgreSQL URL; unset means the embedded PGlite database in DATA_DIR. */
  DATABASE_URL: secretUrl(['postgres:', 'postgresql:'], 'a postgres:// or postgresql:// URL'),
  /** Largest PostgreSQL connection pool. */
  DATABASE_POOL_MAX: int(10, 1, 200),
  /** Folder of the embedded database (and its lock file). */
  DATA_DIR: text('./data'),
  /** Run pending migrations when the service starts. */
  MIGRATE_ON_START: bool(true),
  /** error | warn | info | debug. */
  LOG_LEVEL: oneOf(['error', 'warn', 'info', 'debug'], 'info'),
  /** json (one object per line) | pretty (readable, coloured). */
  LOG_FORMAT: optionalOneOf(['json', 'pretty']),
  /** IANA time zone for receipt timestamps and report periods. */
  TIME_ZONE: timeZone('Europe/Moscow'),
  /** Largest accepted request body, e.g. 256kb or 1mb. */
  BODY_LIMIT: byteSize('256kb'),
  /** Milliseconds a whole shutdown may take; ATOL calls still open then are cut off. */
  SHUTDOWN_TIMEOUT_MS: int(10000, 100, 600000),

  /** Comma-separated API keys shops send as `Authorization: Bearer <key>`. */
  SHOP_API_KEYS: list(),
  /** Admin pages user name. */
  ADMIN_USER: text('admin'),
  /** Admin pages password. */
  ADMIN_PASSWORD: optionalText(),
  /** Secret path segment of the ATOL callback URL: /kkm/callback/<secret>. */
  CALLBACK_SECRET: optionalText(),
  /** verify: a callback is checked with a report request; trust: its body is taken as is. */
  CALLBACK_TRUST: oneOf(['verify', 'trust'], 'verify'),

  /** ATOL Online login; unset outside production means the sandbox. */
  ATOL_LOGIN: optionalText(),
  /** ATOL Online password. */
  ATOL_PASSWORD: optionalText(),
  /** ATOL group code (группа ККТ). */
  ATOL_GROUP_CODE: optionalText(),
  /** ATOL host, e.g. https://online.atol.ru; overrides ATOL_ENV. */
  ATOL_BASE_URL: httpUrl(),
  /** test | production: picks ATOL's host when ATOL_BASE_URL is unset. */
  ATOL_ENV: optionalOneOf(['test', 'production']),
  /** ATOL protocol version: 4 (FFD 1.05) or 5 (FFD 1.2). */
  ATOL_API_VERSION: oneOf(['4', '5'], '4'),
  /** Milliseconds before an ATOL request is given up. */
  ATOL_TIMEOUT_MS: int(30000, 1000, 300000),
  /** Optional `source` sent to ATOL. */
  ATOL_SOURCE: optionalText(),
  /** Report requests per second per process; set it to the registers in the ATOL group. */
  ATOL_POLL_RATE: positiveNumber(1),

  /** Our name for the company (seller); part of every document's key. */
  COMPANY_KEY: text('default'),
  /** Seller INN, 10 or 12 digits. */
  COMPANY_INN: optionalText(),
  /** Tax system: osn, usn_income, usn_income_outcome, envd, esn, patent. */
  COMPANY_SNO: oneOf(SNO_VALUES, 'osn'),
  /** Place of settlement: the shop's site URL. */
  COMPANY_PAYMENT_ADDRESS: optionalText(),
  /** Seller e-mail printed on receipts. */
  COMPANY_EMAIL: optionalText(),

  /** VAT rate for items that name none. */
  RECEIPT_DEFAULT_VAT: oneOf(VAT_VALUES, 'vat20'),
  /** payment_method for items that name none. */
  RECEIPT_PAYMENT_METHOD: oneOf(PAYMENT_METHODS, 'full_payment'),
  /** payment_object for items that name none. */
  RECEIPT_PAYMENT_OBJECT: oneOf(PAYMENT_OBJECTS, 'commodity'),
  /** Measurement unit for items that name none. */
  RECEIPT_MEASUREMENT_UNIT: text('шт'),
  /** payment_object of the shipping line. */
  RECEIPT_SHIPPING_PAYMENT_OBJECT: oneOf(PAYMENT_OBJECTS, 'service'),
  /** Which buyer contact goes to ATOL when both are known: email, phone or both. */
  RECEIPT_CONTACT_PREFERENCE: oneOf(['email', 'phone', 'both'], 'email'),

  /** async: answer 201 at once, send in the background; sync: register with ATOL, then 201. */
  SEND_MODE: oneOf(['async', 'sync'], 'async'),
  /** Queue invoices for sending as soon as they are stored. */
  AUTO_SEND_INVOICES: bool(true),
  /** Queue refunds for sending as soon as they are stored. */
  AUTO_SEND_REFUNDS: bool(true),
  /** Seconds between tries of a failed send, comma-separated; the last repeats. */
  RETRY_SCHEDULE: text('60,300,900,1800,3600'),
  /** Tries of a send while ATOL is unreachable; receipts per document after register faults. */
  MAX_TRIES: int(10, 1, 1000),
  /** Concurrent sends per process. */
  QUEUE_WORKERS: int(4, 1, 64),
  /** Milliseconds between queue checks when idle. */
  QUEUE_POLL_INTERVAL_MS: int(500, 10, 600000),
  /** Milliseconds a claimed attempt stays locked; must exceed ATOL_TIMEOUT_MS. */
  QUEUE_LOCK_TTL_MS: int(60000, 1000, 3600000),

  /** URL we POST document status changes to. */
  SHOP_WEBHOOK_URL: httpUrl({ secret: true }),
  /** HMAC secret for webhook signatures. */
  SHOP_WEBHOOK_SECRET: optionalText(),

  /** When the status poller runs (node-cron; `off` disables). */
  SCHEDULE_POLLER: cronExpression('*/10 * * * * *'),
  /** When the daily report (yesterday) is sent, in TIME_ZONE. */
  SCHEDULE_DAILY_REPORT: cronExpression('7 0 * * *'),
  /** When the weekly report (last week, Monday to Sunday) is sent, in TIME_ZONE. */
  SCHEDULE_WEEKLY_REPORT: cronExpression('7 0 * * 1'),

  /** smtp:// or smtps:// URL for reports; unset means reports are not mailed. */
  SMTP_URL: secretUrl(['smtp:', 'smtps:'], 'an smtp:// or smtps:// URL'),
  /** Comma-separated report recipients. */
  REPORT_RECIPIENTS: list(),
  /** Sender address of reports. */
  REPORT_FROM: text('kkm@localhost'),
  /** Send a short "nothing to report" e-mail when a period had no documents. */
  REPORT_SEND_EMPTY: bool(true),
  /** Minutes in `wait` after which a report lists a document as stuck. */
  REPORT_STUCK_MINUTES: int(15, 1, 10080),

  /** Bearer token for /metrics; with it alone, /metrics is served on PORT. */
  METRICS_TOKEN: optionalText(),
  /** Separate port for /metrics, on all interfaces, served there only; not PORT. */
  METRICS_PORT: optionalInt(1, 65535),
});

export type RawEnv = z.infer<typeof envSchema>;

/** The variable names the schema knows; each may also be given as NAME_FILE. */
export const envNames = Object.keys(envSchema.shape) as Array<keyof RawEnv>;
