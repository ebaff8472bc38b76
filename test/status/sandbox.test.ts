import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/paths';
import { freePort, invoiceBody } from './status-harness';

// The newcomer's path: `kkm serve` with nothing configured, then the README's curl. The
// sandbox is PGlite in a folder and the built-in emulator, whichever database the suite uses.

interface Served {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function serve(env: NodeJS.ProcessEnv, cwd: string): Served {
  let output = '';
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'kkm.js'), 'serve'], {
    cwd,
    env: { PATH: process.env.PATH, ...env },
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, output: () => output, exited };
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, ms = 20_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('sandbox mode', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kkm-sandbox-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('when nothing is configured, then serve runs the emulator and an invoice ends done', async () => {
    const port = await freePort();
    const served = serve({ PORT: String(port), LOG_FORMAT: 'json' }, dir);
    const base = `http://127.0.0.1:${port}`;
    try {
      // The first start creates and migrates the embedded database: slow on a busy machine.
      const health = await waitFor(
        'health',
        async () => {
          const response = await fetch(`${base}/health`);
          return response.ok ? ((await response.json()) as Record<string, unknown>) : undefined;
        },
        100_000,
      ).catch((error: Error) => {
        throw new Error(`${error.message}; output:\n${served.output()}`);
      });
      expect(health).toMatchObject({ sandbox: true, atol: 'sandbox' });
      expect(served.output()).toMatch(/"level":"warn".*Sandbox mode/);

      const started = Date.now();
      const posted = await fetch(`${base}/api/v1/invoices`, {
        method: 'POST',
        headers: { Authorization: 'Bearer dev-shop-key', 'Content-Type': 'application/json' },
        body: JSON.stringify(invoiceBody('sandbox-1')),
      });
      expect(posted.status).toBe(201);

      const done = await waitFor('done', async () => {
        const response = await fetch(`${base}/api/v1/invoices/sandbox-1`, {
          headers: { Authorization: 'Bearer dev-shop-key' },
        });
        const body = (await response.json()) as { status: string };
        return body.status === 'done' ? body : undefined;
      });
      expect(done).toMatchObject({ status: 'done' });
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      served.child.kill('SIGTERM');
      expect(await served.exited).toBe(0);
    }
  });

  it('when NODE_ENV=production has no ATOL credentials, then serve refuses to start', async () => {
    const served = serve({ NODE_ENV: 'production', PORT: String(await freePort()) }, dir);

    const code = await served.exited;

    expect(code).not.toBe(0);
    expect(served.output()).toMatch(/ATOL_LOGIN: ATOL credentials are required/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
