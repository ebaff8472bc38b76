import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBenchDatabase } from './bench-database';
import { renderNotes, renderTable } from './bench-format';
import { describeMachine, machineInfo } from './bench-machine';
import {
  benchUsage,
  parseBenchOptions,
  type BenchOptions,
  type ScenarioName,
} from './bench-options';
import type { ScenarioReply, ScenarioResult } from './bench-types';

// `npm run bench`: runs each scenario in a child process of its own, prints one table and
// writes the same figures as JSON. Every figure is set against a baseline measured in the
// same run, because the machines it runs on are shared and noisy.

function runScenario(scenario: ScenarioName, options: BenchOptions): Promise<ScenarioResult> {
  const child = fork(path.join(__dirname, 'bench-child.js'), [], {
    execArgv: ['--expose-gc'],
    stdio: 'inherit',
  });
  return new Promise((resolve, reject) => {
    let answered = false;
    child.once('message', (reply: ScenarioReply) => {
      answered = true;
      if (reply.ok) resolve(reply.result);
      else reject(new Error(`${scenario} failed:\n${reply.error}`));
    });
    child.once('exit', (code) => {
      if (!answered) reject(new Error(`${scenario} exited with ${code} before answering`));
    });
    child.send({ scenario, options });
  });
}

async function databaseVersion(options: BenchOptions): Promise<string> {
  const db = await createBenchDatabase(options.databaseUrl);
  try {
    return db.version;
  } finally {
    await db.close();
  }
}

async function main(): Promise<number> {
  const options = parseBenchOptions(process.argv.slice(2), process.env);
  if (options.help) {
    console.log(benchUsage());
    return 0;
  }
  const machine = machineInfo();
  const database = await databaseVersion(options);
  console.log(`kkm bench${options.quick ? ' (quick)' : ''}: ${options.only.join(', ')}`);
  console.log(describeMachine(machine, database).split('\n').slice(0, 2).join('\n'));

  const results: ScenarioResult[] = [];
  const failures: string[] = [];
  for (const scenario of options.only) {
    console.log(`\n▶ ${scenario}`);
    try {
      const result = await runScenario(scenario, options);
      results.push(result);
      console.log(`  done in ${(result.durationMs / 1000).toFixed(0)} s`);
    } catch (error) {
      failures.push(scenario);
      console.error(error instanceof Error ? error.message : String(error));
    }
  }
  machine.loadAtEnd = os.loadavg().map((value) => Math.round(value * 100) / 100);

  console.log(`\n${describeMachine(machine, database)}\n`);
  console.log(renderTable(results));
  const notes = renderNotes(results);
  if (notes) console.log(`\n${notes}`);

  const out = path.resolve(options.out);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const json = {
    finishedAt: new Date().toISOString(),
    machine,
    database,
    options,
    results,
    failures,
  };
  fs.writeFileSync(out, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`\nWritten to ${out}`);
  if (failures.length > 0) console.error(`Failed: ${failures.join(', ')}`);
  return failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  },
);
