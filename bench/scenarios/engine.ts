import { ATOL_TEST_ACCOUNTS, ATOL_TEST_INN } from '../../src/config/atol-sandbox';
import { buildReceipt } from '../../src/receipt/receipt-engine';
import { parseDocument } from '../../src/receipt/receipt-schemas';
import type { ReceiptSettings } from '../../src/receipt/receipt-settings';
import { createRequestFactory } from '../../src/receipt/request-factory';
import { invoiceBody } from '../bench-fixtures';
import type { BenchOptions } from '../bench-options';
import { milliseconds } from '../bench-format';
import type { ScenarioResult } from '../bench-types';

const LINES = 20;
/** Many short batches: on a busy machine some of them run undisturbed. */
const BATCHES = 60;

/** ATOL's test company with the default receipt settings, as the sandbox has them. */
const settings: ReceiptSettings = {
  timeZone: 'Europe/Moscow',
  company: {
    inn: ATOL_TEST_INN,
    sno: 'osn',
    paymentAddress: ATOL_TEST_ACCOUNTS[4].paymentAddress,
    email: 'shop@example.org',
  },
  receipt: {
    defaultVat: 'vat20',
    defaultPaymentMethod: 'full_payment',
    defaultPaymentObject: 'commodity',
    defaultMeasurementUnit: 'шт',
    shippingPaymentObject: 'service',
    contactPreference: 'email',
  },
};

/**
 * The time of one call of each function, in ms: batches of `iterations` calls, the functions
 * taking turns, and the fastest batch of each kept. On a shared machine other processes only
 * ever add time, so the fastest batch is the closest to the code's own cost.
 */
function timePerCall(calls: Array<() => unknown>, iterations: number): number[] {
  const best = calls.map(() => Number.POSITIVE_INFINITY);
  for (let batch = 0; batch < BATCHES; batch += 1) {
    calls.forEach((call, index) => {
      const started = process.hrtime.bigint();
      for (let round = 0; round < iterations; round += 1) call();
      const perCall = Number(process.hrtime.bigint() - started) / 1e6 / iterations;
      best[index] = Math.min(best[index] ?? perCall, perCall);
    });
  }
  return best;
}

/**
 * 3. engine: building the ATOL body of a 20-line invoice (buildReceipt, then the request
 * factory) against JSON.stringify of that body — both pure CPU, in one process, interleaved.
 */
export async function runEngine(options: BenchOptions): Promise<ScenarioResult> {
  const started = Date.now();
  const iterations = options.sizes.engineIterations;
  const raw = invoiceBody('ENGINE-1', LINES);
  const document = parseDocument('invoice', raw);
  const factory = createRequestFactory();
  const now = new Date('2026-12-03T09:00:00Z');
  const build = () => {
    const { receipt } = buildReceipt(document, 'invoice', settings, { now });
    return factory.build({
      apiVersion: 4,
      operation: 'sell',
      receipt,
      externalId: 'kkm-default-invoice-ENGINE-1-1',
      callbackUrl: 'https://kkm.example.ru/kkm/callback/secret',
      timestamp: now,
      timeZone: settings.timeZone,
    });
  };
  const body = build();
  const stringify = () => JSON.stringify(body);
  const parseAndBuild = () => {
    parseDocument('invoice', raw);
    return build();
  };

  // Warm-up so that all three are optimised before they are timed.
  timePerCall([build, stringify, parseAndBuild], Math.ceil(iterations / 10));
  const [buildMs = 0, stringifyMs = 0] = timePerCall([build, stringify], iterations);
  const [parseMs = 0] = timePerCall([parseAndBuild], Math.ceil(iterations / 4));
  const ratio = buildMs / stringifyMs;
  await Promise.resolve();

  return {
    scenario: 'engine',
    lines: [
      {
        name: `engine: build a ${LINES}-line receipt + ATOL body`,
        result: `${milliseconds(buildMs)} per receipt`,
        baseline: `${milliseconds(stringifyMs)} JSON.stringify`,
        ratio,
        target: '≤ 3× stringify',
        met: ratio <= 3,
      },
      {
        name: `engine: parse (zod) + build, same invoice`,
        result: `${milliseconds(parseMs)} per receipt`,
        baseline: `${milliseconds(stringifyMs)} JSON.stringify`,
        ratio: parseMs / stringifyMs,
      },
    ],
    figures: { buildMs, stringifyMs, parseMs, ratio, bodyBytes: stringify().length },
    notes: [
      `fastest of ${BATCHES} interleaved batches of ${iterations} calls; the ATOL body is ` +
        `${stringify().length} bytes of JSON.`,
    ],
    durationMs: Date.now() - started,
  };
}
