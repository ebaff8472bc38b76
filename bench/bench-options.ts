// What `npm run bench` measures and how much: the sizes by default, smaller with
// --quick, each one settable by a flag (--report-rows=200000) or a variable (BENCH_REPORT_ROWS).

export const SCENARIOS = ['accept', 'end-to-end', 'engine', 'report', 'memory', 'poller'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface BenchSizes {
  /** Seconds of load per measured round of the accept benchmark. */
  acceptSeconds: number;
  /** Concurrent connections of the load generator. */
  connections: number;
  /** Accept rounds; the service and the baseline alternate, so drift hits both alike. */
  rounds: number;
  /** Documents sent from POST to done. */
  endToEndDocuments: number;
  /** Calls per timed batch of the engine benchmark (60 batches each). */
  engineIterations: number;
  /** Documents (each with an attempt and a transaction) the report runs over. */
  reportRows: number;
  /** Documents queued in bulk for the memory benchmark. */
  memoryDocuments: number;
  /** At most this many seconds of draining them are watched (the peak is what counts). */
  drainSeconds: number;
  /** Waiting transactions the poller goes through. */
  pollerTransactions: number;
}

export interface BenchOptions {
  sizes: BenchSizes;
  only: ScenarioName[];
  quick: boolean;
  /** Where the JSON goes. */
  out: string;
  /** PostgreSQL server URL; each scenario creates and drops its own database on it. */
  databaseUrl: string | undefined;
  /** CALLBACK_TRUST of the service under test (verify costs one report call per callback). */
  callbackTrust: 'trust' | 'verify';
  /** Log level of the service under test; its lines are formatted and thrown away. */
  logLevel: string;
  /** --help: print the flags and run nothing. */
  help: boolean;
}

const FULL: BenchSizes = {
  acceptSeconds: 10,
  connections: 50,
  rounds: 2,
  endToEndDocuments: 10_000,
  engineIterations: 1_000,
  reportRows: 1_000_000,
  memoryDocuments: 100_000,
  drainSeconds: 300,
  pollerTransactions: 10_000,
};

const QUICK: BenchSizes = {
  acceptSeconds: 2,
  connections: 50,
  rounds: 1,
  endToEndDocuments: 500,
  engineIterations: 300,
  reportRows: 20_000,
  memoryDocuments: 2_000,
  drainSeconds: 60,
  pollerTransactions: 500,
};

/** PGlite is a single in-process session: a million rows take minutes to seed there. */
export const PGLITE_REPORT_ROWS = 200_000;

const SIZE_NAMES: Record<keyof BenchSizes, string> = {
  acceptSeconds: 'accept-seconds',
  connections: 'connections',
  rounds: 'rounds',
  endToEndDocuments: 'e2e-documents',
  engineIterations: 'engine-iterations',
  reportRows: 'report-rows',
  memoryDocuments: 'memory-documents',
  drainSeconds: 'drain-seconds',
  pollerTransactions: 'poller-transactions',
};

function envName(flag: string): string {
  return `BENCH_${flag.toUpperCase().replace(/-/g, '_')}`;
}

/** `--name=value` and `--name value` flags; a bare `--name` is `true`. */
function parseFlags(argv: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument "${arg}"`);
    const [name = '', inline] = arg.slice(2).split(/=(.*)/s);
    const next = argv[index + 1];
    if (inline !== undefined) flags.set(name, inline);
    else if (next !== undefined && !next.startsWith('--') && name !== 'quick') {
      flags.set(name, next);
      index += 1;
    } else flags.set(name, 'true');
  }
  return flags;
}

function positive(name: string, value: string): number {
  const parsed = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(parsed) || parsed <= 0) {
    throw new Error(`--${name} must be a positive whole number, got "${value}"`);
  }
  return parsed;
}

const OTHER_FLAGS = ['quick', 'only', 'out', 'callback-trust', 'log-level', 'help'];

/** What `npm run bench -- --help` prints. */
export function benchUsage(): string {
  const full = FULL as unknown as Record<string, number>;
  const quick = QUICK as unknown as Record<string, number>;
  const sizes = (Object.keys(SIZE_NAMES) as Array<keyof BenchSizes>).map(
    (key) =>
      `  --${SIZE_NAMES[key].padEnd(22)}${String(full[key]).padStart(9)}` +
      `${String(quick[key]).padStart(8)}`,
  );
  return [
    'Usage: npm run bench -- [flags]     (each flag also as a BENCH_* variable, e.g. BENCH_QUICK=1)',
    '',
    '  --quick                 small sizes, about a minute',
    `  --only a,b              scenarios to run, of ${SCENARIOS.join(', ')}`,
    '  --out FILE              where the JSON goes (bench/results/latest.json)',
    '  --callback-trust MODE   trust (default) or verify, as CALLBACK_TRUST',
    '  --log-level LEVEL       log level of the service under test (info)',
    '',
    `  Sizes                       full   quick   (report rows on PGlite: ${PGLITE_REPORT_ROWS})`,
    ...sizes,
    '',
    'DATABASE_URL set: PostgreSQL (each scenario creates and drops its own database there);',
    'unset: embedded PGlite.',
  ].join('\n');
}

/** Reads flags first, then BENCH_* variables, then the defaults. */
export function parseBenchOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const flags = parseFlags(argv);
  const known = [...Object.values(SIZE_NAMES), ...OTHER_FLAGS];
  const unknownFlags = [...flags.keys()].filter((name) => !known.includes(name));
  if (unknownFlags.length > 0) {
    throw new Error(
      `Unknown flag --${unknownFlags.join(', --')}; npm run bench -- --help lists them`,
    );
  }
  const setting = (flag: string): string | undefined => flags.get(flag) ?? env[envName(flag)];
  const quick = setting('quick') === 'true' || setting('quick') === '1';
  const databaseUrl = env.DATABASE_URL || undefined;

  const sizes = { ...(quick ? QUICK : FULL) };
  if (!databaseUrl && !quick) sizes.reportRows = PGLITE_REPORT_ROWS;
  for (const key of Object.keys(SIZE_NAMES) as Array<keyof BenchSizes>) {
    const value = setting(SIZE_NAMES[key]);
    if (value !== undefined) sizes[key] = positive(SIZE_NAMES[key], value);
  }

  const only = (setting('only') ?? SCENARIOS.join(','))
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  const unknown = only.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new Error(`Unknown scenario(s) ${unknown.join(', ')}; known: ${SCENARIOS.join(', ')}`);
  }

  const trust = setting('callback-trust') ?? 'trust';
  if (trust !== 'trust' && trust !== 'verify') {
    throw new Error(`--callback-trust must be trust or verify, got "${trust}"`);
  }
  return {
    sizes,
    only: only as ScenarioName[],
    quick,
    out: setting('out') ?? 'bench/results/latest.json',
    databaseUrl,
    callbackTrust: trust,
    logLevel: setting('log-level') ?? 'info',
    help: flags.get('help') === 'true',
  };
}
