import {
  benchUsage,
  parseBenchOptions,
  PGLITE_REPORT_ROWS,
  SCENARIOS,
} from '../../bench/bench-options';
import { renderTable } from '../../bench/bench-format';

describe('bench options', () => {
  it('when nothing is given on PostgreSQL, then the issue sizes are used for every scenario', () => {
    const options = parseBenchOptions([], { DATABASE_URL: 'postgres://localhost/x' });

    expect(options.only).toEqual([...SCENARIOS]);
    expect(options.sizes).toMatchObject({
      connections: 50,
      endToEndDocuments: 10_000,
      reportRows: 1_000_000,
      memoryDocuments: 100_000,
      pollerTransactions: 10_000,
    });
    expect(options.out).toBe('bench/results/latest.json');
  });

  it('when no DATABASE_URL is set, then the report runs over fewer rows on PGlite', () => {
    expect(parseBenchOptions([], {}).sizes.reportRows).toBe(PGLITE_REPORT_ROWS);
  });

  it('when flags and variables are both given, then flags win and --quick shrinks the rest', () => {
    const options = parseBenchOptions(
      ['--quick', '--report-rows=5000', '--only', 'engine,report'],
      { BENCH_REPORT_ROWS: '7', BENCH_POLLER_TRANSACTIONS: '40' },
    );

    expect(options.quick).toBe(true);
    expect(options.sizes.reportRows).toBe(5000);
    expect(options.sizes.pollerTransactions).toBe(40);
    expect(options.sizes.endToEndDocuments).toBeLessThan(10_000);
    expect(options.only).toEqual(['engine', 'report']);
  });

  it.each([
    [['--only', 'speed'], /Unknown scenario/],
    [['--rounds=0'], /positive whole number/],
    [['--callback-trust', 'maybe'], /trust or verify/],
    [['stray'], /Unexpected argument/],
    [['--report-row=5'], /Unknown flag --report-row;.*--help/],
  ])('when given %j, then it refuses with a clear message', (argv, message) => {
    expect(() => parseBenchOptions(argv, {})).toThrow(message);
  });

  it('when --help is given, then it asks for the usage, which names every flag with its sizes', () => {
    expect(parseBenchOptions(['--help'], {}).help).toBe(true);
    const usage = benchUsage();
    for (const flag of ['--quick', '--only', '--out', '--e2e-documents', '--report-rows']) {
      expect(usage).toContain(flag);
    }
    expect(usage).toMatch(/--report-rows +1000000 +20000/);
  });
});

describe('bench table', () => {
  it('when results are rendered, then each line shows its ratio and whether the target was met', () => {
    const table = renderTable([
      {
        scenario: 'engine',
        lines: [
          {
            name: 'engine: build',
            result: '50 µs',
            baseline: '20 µs JSON.stringify',
            ratio: 2.5,
            target: '≤ 3×',
            met: true,
          },
          { name: 'engine: parse', result: '90 µs' },
        ],
        figures: {},
        notes: [],
        durationMs: 1,
      },
      {
        scenario: 'report',
        lines: [{ name: 'report', result: '1.2 s', ratio: 3, target: '< 1 s', met: false }],
        figures: {},
        notes: [],
        durationMs: 1,
      },
    ]);

    const rows = table.split('\n');
    expect(rows).toHaveLength(5);
    expect(rows[2]).toMatch(/^\| 1 \| engine: build .*\| 2\.50× .*\| yes/);
    expect(rows[3]).toMatch(/^\| {3}\| engine: parse/);
    expect(rows[4]).toMatch(/^\| 2 \| report .*\*\*no\*\*/);
  });
});
