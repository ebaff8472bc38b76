import type { Knex } from 'knex';
import type { AtolClient } from '../atol/atol-client';
import type { QueueConfig } from '../config/config-types';
import type { Logger } from '../logger/logger';
import type { AttemptStore } from './attempt-store';
import type { EventStore } from './event-store';
import type { FiscalRequestFactory, OnFinal } from './fiscal-types';
import type { PendingCallbackStore } from './pending-callback-store';
import type { TransactionStore } from './transaction-store';

/** The settings the fiscal core reads; the whole Config fits. */
export interface FiscalConfig {
  publicUrl: string;
  callbackPath: string;
  timeZone: string;
  sendMode: 'async' | 'sync';
  /** How far a stored callback body is believed (src/status decides the default). */
  callbackTrust?: 'verify' | 'trust';
  /** groupCode: a trusted callback must name it (CALLBACK_TRUST=trust). */
  atol: { apiVersion: 4 | 5; groupCode?: string };
  queue: QueueConfig;
}

/** What `createFiscalService` is given. */
export interface FiscalServiceOptions {
  knex: Knex;
  config: FiscalConfig;
  client: Pick<AtolClient, 'register' | 'report'>;
  factory: FiscalRequestFactory;
  logger: Logger;
  eventStore: EventStore;
  /** Called inside the transaction that makes a document done or failed. */
  onFinal?: OnFinal;
  /** Names this process's claims in attempts.locked_by; default host:pid:random. */
  workerId?: string;
  /** The first poll of a new transaction, seconds after registration; default 5. */
  firstPollDelaySeconds?: number;
  /** The ATOL client's cut-off signal: a send it cut off at shutdown is not recorded. */
  cutOff?: AbortSignal;
}

/** Everything the parts of the fiscal service share. */
export interface FiscalContext {
  knex: Knex;
  config: FiscalConfig;
  client: Pick<AtolClient, 'register' | 'report'>;
  factory: FiscalRequestFactory;
  logger: Logger;
  events: EventStore;
  attempts: AttemptStore;
  transactions: TransactionStore;
  callbacks: PendingCallbackStore;
  onFinal: OnFinal;
  workerId: string;
  firstPollDelaySeconds: number;
  cutOff: AbortSignal | undefined;
}
