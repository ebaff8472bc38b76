import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SCENARIOS } from '../../bench/bench-options';
import type { ScenarioResult } from '../../bench/bench-types';

// Runs the built `npm run bench` (dist/bench/run.js; `npm test` builds first) at tiny sizes,
// so that every scenario's code path runs and a broken harness fails here rather than on the
// day someone needs the numbers. Nothing about speed is asserted.

const runJs = path.resolve(__dirname, '../../dist/bench/run.js');

const tinySizes = [
  '--quick',
  '--accept-seconds=1',
  '--connections=4',
  '--e2e-documents=12',
  '--engine-iterations=20',
  '--report-rows=300',
  '--memory-documents=12',
  '--drain-seconds=60',
  '--poller-transactions=12',
];

function runBench(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [runJs, ...args], {
    env: { ...process.env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

describe('npm run bench', () => {
  it('when run at tiny sizes, then every scenario reports its lines and the JSON is written', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kkm-bench-')), 'latest.json');

    const { code, output } = await runBench([...tinySizes, `--out=${out}`]);

    expect({ code, output }).toMatchObject({ code: 0 });
    const json = JSON.parse(fs.readFileSync(out, 'utf8')) as {
      results: ScenarioResult[];
      failures: string[];
      machine: { cpus: number; cpuModel: string };
      database: string;
    };
    expect(json.failures).toEqual([]);
    expect(json.results.map((result) => result.scenario)).toEqual([...SCENARIOS]);
    for (const result of json.results) {
      expect(result.lines.length).toBeGreaterThan(0);
      for (const line of result.lines) expect(line.result).not.toMatch(/NaN|Infinity/);
    }
    expect(json.machine.cpus).toBeGreaterThan(0);
    expect(json.database).toMatch(/PostgreSQL|PGlite/);
    expect(output).toContain('| # | Benchmark');
  }, 600_000);
});
