import fs from 'node:fs';
import path from 'node:path';

/** Thrown when another live process already holds the embedded database. */
export class DataDirLockedError extends Error {
  constructor(
    readonly lockPath: string,
    readonly ownerPid: number,
  ) {
    super(
      `The embedded database in ${path.dirname(lockPath)} is in use by process ${ownerPid}. ` +
        'Stop that process first, or give this one another DATA_DIR or a DATABASE_URL.',
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DirLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(lockPath: string): number {
  const pid = Number.parseInt(fs.readFileSync(lockPath, 'utf8').trim(), 10);
  return Number.isFinite(pid) ? pid : 0;
}

/**
 * Takes an exclusive lock file in `dir`. PGlite has no locking of its own: two processes on one
 * data directory would both run and silently corrupt it, so the second one must stop here.
 * A lock left by a dead process (kill -9, power loss) is taken over.
 */
export function lockDataDir(dir: string): DirLock {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, 'kkm.lock');

  for (let round = 0; round < 2; round += 1) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return { release: () => releaseIfOurs(lockPath) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(lockPath);
      if (owner !== process.pid && isAlive(owner)) throw new DataDirLockedError(lockPath, owner);
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirLockedError(lockPath, readOwner(lockPath));
}

function releaseIfOurs(lockPath: string): void {
  try {
    if (readOwner(lockPath) === process.pid) fs.rmSync(lockPath, { force: true });
  } catch {
    // Already gone: nothing to release.
  }
}
