import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The built `kkm` command; `npm test` builds dist/ first. */
export const kkmBin = path.resolve(__dirname, '../../bin/kkm.js');

export interface KkmResult {
  code: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/**
 * Environment for a child `kkm`: the parent's, minus anything that would point it at the
 * developer's database, plus `env`. It runs in an empty temporary folder so a local .env file
 * cannot change what a test sees.
 */
function childOptions(env: NodeJS.ProcessEnv) {
  const base: NodeJS.ProcessEnv = { ...process.env, LOG_FORMAT: 'json', NODE_ENV: 'test' };
  delete base.DATABASE_URL;
  delete base.NODE_OPTIONS;
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'kkm-cwd-'));
  return { cwd, env: { ...base, ...env } };
}

/** Runs `kkm args…` to completion (killed after `timeoutMs`). */
export function runKkm(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 150_000,
): Promise<KkmResult> {
  const started = Date.now();
  const child = spawn(process.execPath, [kkmBin, ...args], childOptions(env));
  const out = collect(child);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, ...out(), durationMs: Date.now() - started });
    });
  });
}

function collect(child: ChildProcess): () => { stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return () => ({ stdout, stderr });
}

export interface RunningKkm {
  child: ChildProcess;
  /** The URL from the "Listening on …" log line. */
  url: string;
  output(): { stdout: string; stderr: string };
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

/** Starts `kkm serve` and waits until it logs that it is listening. */
export function startKkmServer(env: NodeJS.ProcessEnv, timeoutMs = 150_000): Promise<RunningKkm> {
  const child = spawn(process.execPath, [kkmBin, 'serve'], childOptions({ PORT: '0', ...env }));
  const output = collect(child);
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kkm serve did not start in time:\n${JSON.stringify(output())}`));
    }, timeoutMs);
    const onData = (): void => {
      const match = /Listening on (http:\/\/[\d.]+:\d+)/.exec(output().stdout);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      resolve({ child, url: match[1], output, exited });
    };
    child.stdout?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`kkm serve exited with ${code}:\n${JSON.stringify(output())}`));
    });
  });
}
