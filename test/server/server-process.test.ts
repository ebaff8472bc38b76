import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../src/db/database';
import { runKkm, startKkmServer, RunningKkm } from '../helpers/kkm-process';
import { createTestDatabase, testDatabaseUrlFor } from '../helpers/test-database';

/** Sends a request whose body arrives in two parts; resolves with the response once complete. */
function slowPost(url: string, body: string) {
  const target = new URL(url);
  const socket = net.connect(Number(target.port), target.hostname);
  const head =
    `POST /nowhere HTTP/1.1\r\nHost: ${target.host}\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`;
  const half = Math.floor(body.length / 2);
  let response = '';
  socket.on('data', (chunk) => (response += chunk.toString()));
  const done = new Promise<string>((resolve) => socket.on('close', () => resolve(response)));
  const connected = new Promise<void>((resolve) => socket.on('connect', resolve));
  return {
    start: async () => {
      await connected;
      socket.write(head + body.slice(0, half));
    },
    finish: () => socket.write(body.slice(half)),
    done,
  };
}

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

// Child processes start slowly on a busy machine (the whole suite runs two workers at once).
const PROCESS_TIMEOUT_MS = 180_000;

describe('kkm serve as a process', () => {
  let db: Database;
  let server: RunningKkm;

  beforeAll(async () => {
    db = await createTestDatabase();
    const name = (await db.knex.raw('SELECT current_database() AS name')).rows[0].name;
    const url = testDatabaseUrlFor(name);
    server = await startKkmServer(url ? { DATABASE_URL: url } : { DATA_DIR: 'memory://' });
  }, PROCESS_TIMEOUT_MS);
  afterAll(async () => {
    if (server?.child.exitCode === null) server.child.kill('SIGKILL');
    await db?.close();
  });

  it('when it is up, then /health and /ready answer 200', async () => {
    expect(await get(`${server.url}/health`)).toBe(200);
    expect(await get(`${server.url}/ready`)).toBe(200);
  });

  it(
    'when SIGTERM comes during a request, then the request finishes and the exit code is 0',
    async () => {
      const request = slowPost(server.url, JSON.stringify({ note: 'x'.repeat(2000) }));
      await request.start();

      server.child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 300));
      request.finish();
      const response = await request.done;

      expect(response).toMatch(/^HTTP\/1\.1 404/);
      expect(response).toContain('"code":"not_found"');
      expect(await server.exited).toBe(0);
      expect(server.output().stdout).toMatch(/Shutting down[\s\S]*Stopped/);
      await expect(get(`${server.url}/health`)).rejects.toThrow(/ECONNREFUSED/);
    },
    PROCESS_TIMEOUT_MS,
  );
});

describe('start-up failures', () => {
  it(
    'when the embedded database is locked by a live process, then start exits at once with the lock message',
    async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kkm-lock-'));
      // The test process itself plays the running instance: the lock names a live pid.
      fs.writeFileSync(path.join(dataDir, 'kkm.lock'), String(process.pid));

      const result = await runKkm(['serve'], { DATA_DIR: dataDir });

      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(
        `kkm: The embedded database in ${dataDir} is in use by process ${process.pid}. ` +
          'Stop that process first, or give this one another DATA_DIR or a DATABASE_URL.',
      );
      expect(result.stdout).not.toContain('Listening');
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    PROCESS_TIMEOUT_MS,
  );

  it(
    'when PORT and DATABASE_URL are bad, then start exits non-zero listing both',
    async () => {
      const result = await runKkm(['serve'], { PORT: 'abc', DATABASE_URL: 'nonsense' });

      expect(result.code).toBe(1);
      expect(result.stderr).toContain('PORT: must be a whole number from 0 to 65535, got "abc"');
      expect(result.stderr).toContain('DATABASE_URL: must be a postgres:// or postgresql:// URL');
    },
    PROCESS_TIMEOUT_MS,
  );
});
