import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../src/paths';

/** The ATOL emulator (`kkm emulator`) in a child process of its own. */
export interface EmulatorProcess {
  url: string;
  pid: number;
  close(): Promise<void>;
}

/** The built CLI: `npm run bench` builds dist/ first. */
const kkmBin = path.join(projectRoot, 'bin/kkm.js');

/**
 * Starts `kkm emulator` with no processing delay. It runs in its own process so that its
 * memory (it keeps every receipt) and CPU are not counted as the service's.
 */
export function startEmulatorProcess(timeoutMs = 30_000): Promise<EmulatorProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [kkmBin, 'emulator', '--port', '0', '--delay-ms', '0', '--log-level', 'error'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The emulator did not start in time:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stdout?.resume();
      resolve({
        url: match[1],
        pid: child.pid ?? 0,
        close: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The emulator exited with ${code}:\n${output}`));
    });
  });
}
