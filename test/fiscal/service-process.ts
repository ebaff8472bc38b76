import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const projectRoot = path.resolve(__dirname, '..', '..');

/** A `kkm serve` child process, started from the built code (`npm run build`). */
export interface ServiceProcess {
  url: string;
  pid: number;
  /** Standard output and error so far, for failure messages. */
  output(): string;
  /** SIGKILL: no shutdown code runs. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM: the service shuts down cleanly. */
  stop(): Promise<void>;
}

export function isBuilt(): boolean {
  return fs.existsSync(path.join(projectRoot, 'dist', 'src', 'cli', 'main.js'));
}

/**
 * A private copy of the built service (dist/, bin/, templates/, package.json; node_modules
 * linked). Others may run `npm run build` in the shared tree while a test runs, which empties
 * dist/ for a moment: a child started from the copy is not affected. Returns its root.
 */
export function snapshotBuild(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kkm-build-'));
  for (const entry of ['dist', 'bin', 'templates', 'package.json']) {
    const from = path.join(projectRoot, entry);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(root, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(projectRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  return root;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function waitReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`kkm serve exited:\n${output()}`);
    const ok = await fetch(`${url}/ready`)
      .then((res) => res.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`kkm serve did not get ready:\n${output()}`);
}

/**
 * Starts `node bin/kkm.js serve` with exactly the given environment (plus PATH), from an empty
 * working directory so that no .env file is read.
 */
export async function startServiceProcess(
  env: Record<string, string>,
  port: number,
  buildRoot: string = projectRoot,
): Promise<ServiceProcess> {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'kkm-serve-'));
  const child = spawn(process.execPath, [path.join(buildRoot, 'bin', 'kkm.js'), 'serve'], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const keep = (chunk: Buffer) => {
    text = (text + chunk.toString('utf8')).slice(-20000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const output = () => text;

  try {
    await waitReady(url, child, output);
  } catch (error) {
    child.kill('SIGKILL');
    await exited(child);
    fs.rmSync(cwd, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    pid: child.pid ?? 0,
    output,
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
      fs.rmSync(cwd, { recursive: true, force: true });
    },
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
      fs.rmSync(cwd, { recursive: true, force: true });
    },
  };
}
