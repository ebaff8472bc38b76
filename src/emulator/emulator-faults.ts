import { z } from 'zod';
import type { AtolAction } from '../atol/atol-types';
import type { DocumentFaults } from './emulator-types';
import { failureText } from './receipt-processing';

const endpoints = z.array(z.enum(['getToken', 'register', 'report'])).min(1);

/** Shared by every fault: how many times it fires (absent: every time) and where. */
const common = {
  /** Fires this many times, then disappears; absent = always. */
  times: z.number().int().min(1).optional(),
};

/** Request faults may be limited to some endpoints; default all three. */
const request = { ...common, on: endpoints.optional() };
/** Document faults may be limited to one external id; default the next documents. */
const perDocument = { ...common, externalId: z.string().optional() };

/** Faults that act on an HTTP request before ATOL's logic runs. */
const requestFaults = [
  /** Answers after this delay (adds to other faults). */
  z.object({ kind: z.literal('latency'), ms: z.number().int().min(0), ...request }),
  /** HTTP 500 with an HTML body, as a broken proxy answers. */
  z.object({ kind: z.literal('http500'), ...request }),
  /** A service error from the table (50, 0, 1, 14, …) with its own HTTP status. */
  z.object({ kind: z.literal('serviceError'), code: z.number().int(), ...request }),
  /** Never answers; the connection stays open until the client gives up or the emulator closes. */
  z.object({ kind: z.literal('hang'), ...request }),
  /** Destroys the connection without an answer. */
  z.object({ kind: z.literal('drop'), ...request }),
] as const;

const errorType = z.enum(['system', 'unknown', 'none', 'driver', 'agent', 'timeout']);

/** Faults that change what happens to the next newly registered documents. */
const documentFaults = [
  /** The document fails at processing with this error (reference §7.2). */
  z.object({
    kind: z.literal('fail'),
    type: errorType,
    code: z.number().int(),
    text: z.string().optional(),
    ...perDocument,
  }),
  /** The document waits `queueTimeoutMs`, then fails with timeout code 1 (reference §8). */
  z.object({ kind: z.literal('queueTimeout'), ...perDocument }),
  /** No callback is sent for the document. */
  z.object({ kind: z.literal('lostCallback'), ...perDocument }),
  /** The callback is sent `copies` times (default 2). */
  z.object({
    kind: z.literal('duplicateCallback'),
    copies: z.number().int().min(2).max(10).optional(),
    ...perDocument,
  }),
  /** The document is processed and its callback delivered before the register answer. */
  z.object({ kind: z.literal('earlyCallback'), ...perDocument }),
  /** For `windowMs` after registration the report answers 34, whatever the state. */
  z.object({ kind: z.literal('report34'), windowMs: z.number().int().min(0), ...perDocument }),
] as const;

export const faultSchema = z.discriminatedUnion('kind', [...requestFaults, ...documentFaults]);

/** A fault as the admin endpoint and the options take it. */
export type FaultInput = z.input<typeof faultSchema>;
export type Fault = z.output<typeof faultSchema>;
export type RequestFault = Extract<Fault, { on?: unknown }>;
export type DocumentFault = Exclude<Fault, RequestFault>;

export interface ActiveFault {
  id: number;
  fault: Fault;
  /** Firings left; undefined = unlimited. */
  remaining: number | undefined;
  fired: number;
}

const REQUEST_KINDS = new Set(['latency', 'http500', 'serviceError', 'hang', 'drop']);

function isRequestFault(fault: Fault): fault is RequestFault {
  return REQUEST_KINDS.has(fault.kind);
}

/** The faults in force, consumed as they fire. */
export interface FaultBook {
  add(faults: readonly FaultInput[]): ActiveFault[];
  clear(): void;
  list(): ActiveFault[];
  /** The request faults that fire for one call to `action` (each counted once). */
  takeForRequest(action: AtolAction): RequestFault[];
  /** The document faults that fire for a new document with this external id. */
  takeForDocument(externalId: string): DocumentFault[];
}

/** Creates the fault book; `add` throws a ZodError on a malformed fault. */
export function createFaultBook(): FaultBook {
  let active: ActiveFault[] = [];
  let nextId = 1;

  function fire<T extends Fault>(matches: (fault: Fault) => fault is T): T[] {
    if (active.length === 0) return [];
    const fired: T[] = [];
    for (const entry of active) {
      if (!matches(entry.fault)) continue;
      fired.push(entry.fault);
      entry.fired += 1;
      if (entry.remaining !== undefined) entry.remaining -= 1;
    }
    if (fired.length > 0) active = active.filter((entry) => entry.remaining !== 0);
    return fired;
  }

  return {
    add(faults) {
      const parsed = faults.map((fault) => faultSchema.parse(fault));
      const added = parsed.map((fault) => ({
        id: nextId++,
        fault,
        remaining: fault.times,
        fired: 0,
      }));
      active.push(...added);
      return added;
    },

    clear() {
      active = [];
    },

    list() {
      return active.map((entry) => ({ ...entry }));
    },

    takeForRequest(action) {
      return fire(
        (fault): fault is RequestFault =>
          isRequestFault(fault) && (!fault.on || fault.on.includes(action)),
      );
    },

    takeForDocument(externalId) {
      return fire(
        (fault): fault is DocumentFault =>
          !isRequestFault(fault) && (!fault.externalId || fault.externalId === externalId),
      );
    },
  };
}

/** What the fired document faults do to a new document registered at `now`. */
export function documentFaultsOf(fired: readonly DocumentFault[], now: number): DocumentFaults {
  const result: DocumentFaults = {};
  for (const fault of fired) {
    if (fault.kind === 'fail') {
      result.fail = {
        type: fault.type,
        code: fault.code,
        text: fault.text ?? failureText(fault.type, fault.code),
      };
    }
    if (fault.kind === 'queueTimeout') result.queueTimeout = true;
    if (fault.kind === 'lostCallback') result.lostCallback = true;
    if (fault.kind === 'duplicateCallback') result.callbackCopies = fault.copies ?? 2;
    if (fault.kind === 'earlyCallback') result.earlyCallback = true;
    if (fault.kind === 'report34') result.report34Until = now + fault.windowMs;
  }
  return result;
}
