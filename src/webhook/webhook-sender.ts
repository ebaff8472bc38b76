import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { Logger } from '../logger';
import type { EventRecorder } from '../documents/document-ports';
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signBody } from './webhook-signature';
import type { WebhookStore } from './webhook-store';
import type { DeliveryResult, WebhookDelivery, WebhookTarget } from './webhook-types';
import { settledWithin } from '../time/settled-within';

export interface WebhookSenderOptions {
  knex: Knex;
  store: WebhookStore;
  events: EventRecorder;
  target: WebhookTarget;
  logger: Logger;
  /** Seconds to wait before try 2, 3, …; the last value repeats. */
  retryScheduleSeconds?: number[];
  /** Tries before a delivery is given up as failed. */
  maxTries?: number;
  timeoutMs?: number;
  pollIntervalMs?: number;
  /** Deliveries claimed per round. */
  batchSize?: number;
}

export interface WebhookSender {
  /** Claims due deliveries and sends them; resolves with how many were tried. */
  deliverDue(): Promise<number>;
  /** Runs deliverDue every poll interval until stop(). */
  start(): void;
  /** Stops polling and waits (at most `waitMs`) for the round in flight. */
  stop(waitMs?: number): Promise<void>;
}

export const DEFAULT_WEBHOOK_RETRY_SECONDS = [10, 60, 300, 900, 3600];
const DEFAULT_MAX_TRIES = 10;

/** The body of one try: the queued document part plus what identifies this send. */
export function webhookBody(delivery: WebhookDelivery, sentAt: Date): string {
  return JSON.stringify({
    deliveryId: delivery.id,
    event: delivery.event,
    sentAt: sentAt.toISOString(),
    try: delivery.tries,
    document: delivery.payload,
  });
}

async function post(target: WebhookTarget, delivery: WebhookDelivery, timeoutMs: number) {
  const sentAt = new Date();
  const body = webhookBody(delivery, sentAt);
  const started = Date.now();
  try {
    const response = await fetch(target.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'kkm-webhook',
        [SIGNATURE_HEADER]: signBody(target.secret, body),
        [TIMESTAMP_HEADER]: sentAt.toISOString(),
        [DELIVERY_HEADER]: String(delivery.id),
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer().catch(() => undefined);
    const durationMs = Date.now() - started;
    return { ok: response.ok, status: response.status, durationMs } satisfies DeliveryResult;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: message, durationMs: Date.now() - started } satisfies DeliveryResult;
  }
}

/**
 * Sends queued webhook deliveries, signed, retried with backoff, each result in the events.
 * Delivery is at least once: a process killed after the shop's 2xx but before the result is
 * written sends that delivery again once its claim expires, so shops dedupe by X-Kkm-Delivery.
 * The retry schedule is a constant here, not a setting (see README, Known limitations).
 */
export function createWebhookSender(options: WebhookSenderOptions): WebhookSender {
  const owner = `webhook-${crypto.randomBytes(4).toString('hex')}-${process.pid}`;
  const retrySchedule = options.retryScheduleSeconds ?? DEFAULT_WEBHOOK_RETRY_SECONDS;
  const maxTries = options.maxTries ?? DEFAULT_MAX_TRIES;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const stopWaitMs = timeoutMs + 1000;
  const logger = options.logger.child({ module: 'webhook' });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;

  const retryDelayMs = (tries: number): number =>
    1000 * (retrySchedule[Math.min(tries - 1, retrySchedule.length - 1)] ?? 60);

  async function record(delivery: WebhookDelivery, result: DeliveryResult): Promise<void> {
    const outcome = result.ok ? 'delivered' : delivery.tries >= maxTries ? 'failed' : 'new';
    const reason = result.error ?? `HTTP ${result.status ?? '?'}`;
    const nextTryAt = new Date(Date.now() + retryDelayMs(delivery.tries));
    await options.knex.transaction(async (trx) => {
      await options.store.finish(trx, delivery.id, {
        status: outcome,
        responseStatus: result.status ?? null,
        lastError: result.ok ? null : reason,
        ...(outcome === 'new' ? { nextTryAt } : {}),
      });
      await options.events.record(trx, {
        companyKey: delivery.companyKey,
        documentId: delivery.documentId,
        type: result.ok ? 'webhook_delivered' : 'webhook_failed',
        message: describe(delivery, result, outcome, reason),
        data: {
          deliveryId: delivery.id,
          event: delivery.event,
          try: delivery.tries,
          httpStatus: result.status ?? null,
          durationMs: result.durationMs,
          ...(outcome === 'new' ? { nextTryAt: nextTryAt.toISOString() } : {}),
        },
        actor: 'webhook',
      });
    });
  }

  async function deliverOne(delivery: WebhookDelivery): Promise<void> {
    const result = await post(options.target, delivery, timeoutMs);
    await record(delivery, result);
    const fields = { deliveryId: delivery.id, try: delivery.tries, status: result.status };
    if (result.ok) logger.info('webhook delivered', fields);
    else logger.warn('webhook try failed', { ...fields, error: result.error });
  }

  async function deliverDue(): Promise<number> {
    const lockMs = timeoutMs * 2 + 5000;
    const due = await options.store.claimDue(owner, options.batchSize ?? 10, lockMs);
    await Promise.all(due.map((delivery) => deliverOne(delivery)));
    return due.length;
  }

  function scheduleNext(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = deliverDue().catch((error: unknown) => {
        logger.error('webhook round failed', { error });
        return 0;
      });
      void running.finally(() => {
        running = undefined;
        scheduleNext();
      });
    }, options.pollIntervalMs ?? 1000);
    timer.unref();
  }

  return {
    deliverDue,
    start() {
      if (!stopped) return;
      stopped = false;
      scheduleNext();
    },
    async stop(waitMs = stopWaitMs) {
      stopped = true;
      if (timer) clearTimeout(timer);
      // A try cut off here stays claimed and is taken up again once its lock runs out.
      if (running) await settledWithin(running, waitMs);
    },
  };
}

function describe(
  delivery: WebhookDelivery,
  result: DeliveryResult,
  outcome: string,
  reason: string,
): string {
  if (result.ok) return `Webhook ${delivery.event} delivered (HTTP ${result.status ?? '?'})`;
  const tail = outcome === 'failed' ? 'giving up' : 'will retry';
  return `Webhook ${delivery.event} try ${delivery.tries} failed: ${reason}; ${tail}`;
}
