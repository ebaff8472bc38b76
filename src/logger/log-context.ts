import { AsyncLocalStorage } from 'node:async_hooks';

/** Fields added to every log line written while a request (or job run) is being handled. */
export type LogContext = Record<string, string | number>;

const storage = new AsyncLocalStorage<LogContext>();

/**
 * Runs `fn` with extra log fields, e.g. `{ requestId }`. Code deeper down (services, stores)
 * logs through its own module logger and still gets the request id, without passing it around.
 */
export function runWithLogContext<T>(fields: LogContext, fn: () => T): T {
  const parent = storage.getStore();
  return storage.run(parent ? { ...parent, ...fields } : fields, fn);
}

/** The log fields of the request or job being handled right now, if any. */
export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}
