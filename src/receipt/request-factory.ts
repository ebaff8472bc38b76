import { atolV4Module } from './atol-v4-request';
import type { ReceiptOperation } from './receipt-enums';
import type { Receipt } from './receipt-types';

/** What every version module gets to build one ATOL request body. */
export interface RequestInput {
  apiVersion: number;
  operation: ReceiptOperation;
  receipt: Receipt;
  externalId: string;
  /** `service.callback_url`; left out when absent. */
  callbackUrl?: string;
  /** The request's `timestamp`; written on the wall clock of `timeZone`. */
  timestamp: Date;
  timeZone: string;
}

/** One ATOL protocol version: turns a receipt into the exact body that version expects. */
export interface RequestModule {
  /** Operations this version can send (reference §2). */
  operations: readonly string[];
  build(input: RequestInput): object;
}

export interface RequestFactory {
  /** Adds a version; a version can be registered once. Returns the factory for chaining. */
  register(version: number, module: RequestModule): RequestFactory;
  has(version: number): boolean;
  versions(): number[];
  /** The exact ATOL body; throws for a version or operation nobody registered. */
  build(input: RequestInput): object;
}

/**
 * The versioned request factory. It starts with the v4 module (FFD 1.05, reference §3); a new
 * protocol version is one more module passed to `register`, nothing else changes.
 */
export function createRequestFactory(
  modules: ReadonlyMap<number, RequestModule> = new Map([[4, atolV4Module]]),
): RequestFactory {
  const registered = new Map(modules);
  const factory: RequestFactory = {
    register(version, module) {
      if (registered.has(version)) throw new Error(`API version ${version} is already registered`);
      registered.set(version, module);
      return factory;
    },
    has: (version) => registered.has(version),
    versions: () => [...registered.keys()].sort((a, b) => a - b),
    build(input) {
      const module = registered.get(input.apiVersion);
      if (!module) throw new Error(`no request module for ATOL API version ${input.apiVersion}`);
      if (!module.operations.includes(input.operation)) {
        throw new Error(`ATOL API v${input.apiVersion} has no operation ${input.operation}`);
      }
      return module.build(input);
    },
  };
  return factory;
}
