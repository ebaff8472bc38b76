import crypto from 'node:crypto';
import { ATOL_TEST_ACCOUNT } from '../../src/emulator/emulator-options';

/** Test credentials of the emulator's default account (ATOL's public v4 test account). */
export const testAccount = ATOL_TEST_ACCOUNT;

export type Body = Record<string, any>;

/** A unique external id per call, so tests never collide on 33. */
export function externalId(prefix = 'test'): string {
  return `${prefix}-${crypto.randomBytes(6).toString('hex')}`;
}

/**
 * A valid v4 `sell` body for the test company (reference §11.1 shape, 2026 rates): a 22 % good,
 * a 10 % book and 22 % shipping, paid by card.
 */
export function sellBody(overrides: Partial<Body> = {}): Body {
  return {
    timestamp: '14.03.2026 12:40:05',
    external_id: externalId('sell'),
    receipt: {
      client: { email: 'buyer@example.org' },
      company: {
        email: 'receipts@shop.example',
        sno: 'osn',
        inn: testAccount.inn,
        payment_address: testAccount.paymentAddress,
      },
      items: [
        {
          name: 'Чайник электрический',
          price: 2490,
          quantity: 1,
          sum: 2490,
          measurement_unit: 'шт',
          payment_method: 'full_payment',
          payment_object: 'commodity',
          vat: { type: 'vat22', sum: 449.02 },
        },
        {
          name: 'Книга',
          price: 650,
          quantity: 2,
          sum: 1300,
          measurement_unit: 'шт',
          payment_method: 'full_payment',
          payment_object: 'commodity',
          vat: { type: 'vat10', sum: 118.18 },
        },
        {
          name: 'Доставка курьером',
          price: 350,
          quantity: 1,
          sum: 350,
          payment_method: 'full_payment',
          payment_object: 'service',
          vat: { type: 'vat22', sum: 63.11 },
        },
      ],
      payments: [{ type: 1, sum: 4140 }],
      vats: [
        { type: 'vat22', sum: 512.13 },
        { type: 'vat10', sum: 118.18 },
      ],
      total: 4140,
    },
    ...overrides,
  };
}

/** A valid v4 `sell_correction` body (reference §4). */
export function correctionBody(overrides: Partial<Body> = {}): Body {
  return {
    timestamp: '10.03.2026 10:00:00',
    external_id: externalId('corr'),
    correction: {
      company: { sno: 'osn', inn: testAccount.inn, payment_address: testAccount.paymentAddress },
      correction_info: { type: 'self', base_date: '05.03.2026', base_number: 'АКТ-15' },
      payments: [{ type: 1, sum: 1220 }],
      vats: [{ type: 'vat22', sum: 220 }],
    },
    ...overrides,
  };
}

/** A deep copy of `body` with `change` applied, for breaking one thing at a time. */
export function changed(body: Body, change: (copy: Body) => void): Body {
  const copy = structuredClone(body);
  change(copy);
  return copy;
}
