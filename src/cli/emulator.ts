import { Command, InvalidArgumentError, Option } from 'commander';
import { createEmulator } from '../emulator/emulator';
import type { FaultInput } from '../emulator/emulator-faults';
import { ATOL_TEST_ACCOUNT } from '../emulator/emulator-options';
import type { EmulatorOptions } from '../emulator/emulator-types';
import { createLogger, LogLevel } from '../logger';
import { action } from './cli-context';

interface EmulatorCommandOptions {
  port: number;
  host: string;
  delayMs: number;
  tokenTtl: number;
  queueTimeout: number;
  login: string;
  password: string;
  group: string;
  inn: string;
  paymentAddress: string;
  companyCheck: boolean;
  loopbackCallbacks: boolean;
  fault: FaultInput[];
  logLevel: LogLevel;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `500ms`, `90s`, `5m`, `24h`, or a bare number of milliseconds. */
function duration(value: string): number {
  const match = /^(\d+)(ms|s|m|h)?$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected a duration such as 500ms, 90s, 5m or 24h');
  return Number(match[1]) * (UNITS[match[2] ?? 'ms'] ?? 1);
}

function port(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
    throw new InvalidArgumentError('expected a port number (0 picks a free one)');
  }
  return parsed;
}

function fault(value: string, previous: FaultInput[]): FaultInput[] {
  try {
    return [...previous, JSON.parse(value) as FaultInput];
  } catch {
    throw new InvalidArgumentError('expected a JSON fault, e.g. {"kind":"latency","ms":200}');
  }
}

function emulatorOptions(options: EmulatorCommandOptions): EmulatorOptions {
  return {
    host: options.host,
    processingDelayMs: options.delayMs,
    tokenTtlMs: options.tokenTtl,
    queueTimeoutMs: options.queueTimeout,
    checkCompany: options.companyCheck,
    allowLoopbackCallbacks: options.loopbackCallbacks,
    faults: options.fault,
    accounts: [
      {
        ...ATOL_TEST_ACCOUNT,
        login: options.login,
        password: options.password,
        groupCode: options.group,
        inn: options.inn,
        paymentAddress: options.paymentAddress,
      },
    ],
    logger: createLogger({ level: options.logLevel, format: 'pretty' }),
  };
}

async function run(options: EmulatorCommandOptions): Promise<void> {
  const emulator = createEmulator(emulatorOptions(options));
  const { url } = await emulator.start(options.port);
  console.log(`ATOL emulator (protocol v4) listening on ${url}`);
  console.log(`  client base URL: ${url}   (API at ${url}/possystem/v4/)`);
  console.log(`  login ${options.login}  password ${options.password}  group ${options.group}`);
  console.log(`  company INN ${options.inn}  payment address ${options.paymentAddress}`);
  console.log(`  state: GET ${url}/emulator/state   faults: POST ${url}/emulator/faults`);

  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await emulator.close();
  console.log('ATOL emulator stopped');
}

/** `kkm emulator`: a local ATOL Online v4 server for development and tests. */
export function emulatorCommand(): Command {
  const test = ATOL_TEST_ACCOUNT;
  return new Command('emulator')
    .description('run a local ATOL Online v4 emulator (ATOL test credentials by default)')
    .option('--port <port>', 'port to listen on (0 = any free port)', port, 8080)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--delay-ms <ms>', 'time from registration to done/fail', duration, 1000)
    .option('--token-ttl <duration>', 'token lifetime, e.g. 24h or 30s', duration, 86_400_000)
    .option(
      '--queue-timeout <duration>',
      'wait before a queueTimeout fault fails',
      duration,
      300_000,
    )
    .option('--login <login>', 'accepted login', test.login)
    .option('--password <password>', 'accepted password', test.password)
    .option('--group <code>', 'group code of the account', test.groupCode)
    .option('--inn <inn>', 'company INN registered on the group', test.inn)
    .option('--payment-address <url>', 'registered payment address', test.paymentAddress)
    .option('--no-company-check', 'do not compare company INN, address and tax system')
    .option('--no-loopback-callbacks', 'apply ATOL callback_url mask to loopback URLs too')
    .option('--fault <json>', 'a fault active from the start (repeatable)', fault, [])
    .addOption(
      new Option('--log-level <level>', 'log level')
        .choices(['error', 'warn', 'info', 'debug'])
        .default('info'),
    )
    .action(action((options: EmulatorCommandOptions) => run(options)));
}
