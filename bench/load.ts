import { fork } from 'node:child_process';
import path from 'node:path';
import type { LoadRequest, LoadResult } from './load-types';

type LoadReply = { ok: true; result: LoadResult } | { ok: false; error: string };

/** Runs autocannon in a child process (dist/bench/load-child.js) and returns its summary. */
export function generateLoad(request: LoadRequest): Promise<LoadResult> {
  const child = fork(path.join(__dirname, 'load-child.js'), [], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    let answered = false;
    child.once('message', (reply: LoadReply) => {
      answered = true;
      if (reply.ok) resolve(reply.result);
      else reject(new Error(`Load generator failed: ${reply.error}`));
    });
    child.once('exit', (code) => {
      if (!answered) reject(new Error(`Load generator exited with ${code} before answering`));
    });
    child.send(request);
  });
}
