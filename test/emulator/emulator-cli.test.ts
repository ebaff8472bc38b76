import { ChildProcess, spawn } from 'node:child_process';
import fetch from 'node-fetch';
import { kkmBin } from '../helpers/kkm-process';
import { sellBody, testAccount } from './v4-bodies';

/** `kkm emulator` as a shop developer starts it (the built CLI: `npm run build` first). */
describe('kkm emulator command', () => {
  let child: ChildProcess;
  let url: string;
  let stdout = '';

  beforeAll(async () => {
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    child = spawn(process.execPath, [kkmBin, 'emulator', '--port', '0', '--delay-ms', '0'], {
      env,
    });
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL in: ${stdout}`)), 30000);
      child.stdout?.on('data', () => {
        const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(stdout);
        // The banner ends with the state and faults line.
        if (!match?.[1] || !stdout.includes('/emulator/faults')) return;
        clearTimeout(timer);
        resolve(match[1]);
      });
    });
  });
  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('when started, then it names the test credentials to use', () => {
    expect(stdout).toContain(testAccount.login);
    expect(stdout).toContain(testAccount.groupCode);
  });

  it('when a token is asked and a sale posted, then the sale is registered', async () => {
    const headers = { 'Content-Type': 'application/json; charset=utf-8' };
    const tokenAnswer = await fetch(`${url}/possystem/v4/getToken`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ login: testAccount.login, pass: testAccount.password }),
    });
    const { token } = (await tokenAnswer.json()) as { token: string };

    const registered = await fetch(`${url}/possystem/v4/${testAccount.groupCode}/sell`, {
      method: 'POST',
      headers: { ...headers, Token: token },
      body: JSON.stringify(sellBody()),
    });

    expect(registered.status).toBe(200);
    expect(await registered.json()).toMatchObject({ error: null, status: 'wait' });
  });

  it('when it gets SIGTERM, then it stops cleanly with exit code 0', async () => {
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));

    child.kill('SIGTERM');

    expect(await exited).toBe(0);
    expect(stdout).toContain('ATOL emulator stopped');
  });
});
