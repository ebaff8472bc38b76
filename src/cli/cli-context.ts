import type { Config } from '../config/config-types';
import { loadConfig, readEnvironment } from '../config/load-config';
import type { Logger } from '../logger/logger';
import { AppContext, createContext, createRootLogger } from '../main';

/**
 * Reads the configuration from the environment and .env, with command-line `overrides` (given
 * as environment names) on top; throws ConfigError on problems.
 */
export function loadCliConfig(overrides: NodeJS.ProcessEnv = {}): Config {
  return loadConfig({ ...readEnvironment(), ...overrides });
}

/** A logger for commands: it writes to standard error so standard output stays the result. */
export function createCliLogger(config: Config): Logger {
  return createRootLogger(config, { toStderr: true });
}

/** Prints an error the way every command does: one clear line (or the config problem list). */
export function reportError(error: unknown): void {
  // ConfigError lists its problems, DataDirLockedError says what to do: the message is enough.
  const message = error instanceof Error ? error.message : String(error);
  console.error(`kkm: ${message}`);
}

/**
 * Runs a command's action: sets process.exitCode from its result (0 unless it returns another
 * code) and turns any error into one printed line and exit code 1.
 */
export function action<A extends unknown[]>(
  run: (...args: A) => Promise<number | void>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      process.exitCode = (await run(...args)) ?? 0;
    } catch (error) {
      reportError(error);
      process.exitCode = 1;
    }
  };
}

/**
 * Builds the full context (config, database migrated as configured, stores, services), runs
 * `fn` with it and always closes the database pool afterwards.
 */
export async function withContext<T>(fn: (context: AppContext) => Promise<T>): Promise<T> {
  const config = loadCliConfig();
  const context = await createContext(config, createCliLogger(config));
  try {
    return await fn(context);
  } finally {
    await context.close();
  }
}
