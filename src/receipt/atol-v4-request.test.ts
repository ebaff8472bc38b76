import { buildAtolV4Body, receiptVats } from './atol-v4-request';
import { aLine, aReceipt } from './receipt-test-data';

const timing = { timestamp: new Date('2026-03-14T09:40:05Z'), timeZone: 'Europe/Moscow' };

describe('buildAtolV4Body', () => {
  it('when the worked sale of reference §11.1 is built, then the body matches it', () => {
    const receipt = aReceipt({
      lines: [
        aLine({ name: 'Чайник электрический Lumo K-17' }),
        aLine({
          source: 'items.1',
          name: 'Книга «Основы чайной церемонии»',
          priceKopecks: 65000,
          quantityThousandths: 2000,
          sumKopecks: 130000,
          vat: { type: 'vat10', sumKopecks: 11818 },
        }),
        aLine({
          source: 'shipping',
          name: 'Доставка курьером',
          priceKopecks: 35000,
          sumKopecks: 35000,
          measurementUnit: 'усл',
          paymentObject: 'service',
          vat: { type: 'vat22', sumKopecks: 6311 },
        }),
      ],
    });
    const body = buildAtolV4Body({
      apiVersion: 4,
      operation: 'sell',
      receipt,
      externalId: 'order-10482-sell',
      callbackUrl: 'https://teapot-shop.example/atol/callback',
      ...timing,
    });

    expect(body).toEqual({
      timestamp: '14.03.2026 12:40:05',
      external_id: 'order-10482-sell',
      service: { callback_url: 'https://teapot-shop.example/atol/callback' },
      receipt: {
        client: { email: 'buyer@example.org' },
        company: {
          email: 'receipts@teapot-shop.example',
          sno: 'osn',
          inn: '7712345678',
          payment_address: 'https://teapot-shop.example',
        },
        items: [
          {
            name: 'Чайник электрический Lumo K-17',
            price: 2490,
            quantity: 1,
            sum: 2490,
            measurement_unit: 'шт',
            payment_method: 'full_payment',
            payment_object: 'commodity',
            vat: { type: 'vat22', sum: 449.02 },
          },
          {
            name: 'Книга «Основы чайной церемонии»',
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
            measurement_unit: 'усл',
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
    });
  });

  it('when there is no callback URL, then `service` is left out', () => {
    const body = buildAtolV4Body({
      apiVersion: 4,
      operation: 'sell_refund',
      receipt: aReceipt(),
      externalId: 'x',
      ...timing,
    });

    expect(body).not.toHaveProperty('service');
  });

  it('when amounts are written, then JSON has 2 and 3 decimals at most, no float noise', () => {
    const line = aLine({
      priceKopecks: 115,
      quantityThousandths: 47801,
      sumKopecks: 5497,
      vat: { type: 'vat10', sumKopecks: 500 },
    });
    const json = JSON.stringify(
      buildAtolV4Body({
        apiVersion: 4,
        operation: 'sell',
        receipt: aReceipt({ lines: [line] }),
        externalId: 'x',
        ...timing,
      }),
    );

    expect(json).toContain('"price":1.15,"quantity":47.801,"sum":54.97');
  });
});

describe('receiptVats', () => {
  it('when line VATs drift more than a kopeck from the whole, then vats is left out', () => {
    // 0.05 at 20 %: each line's VAT is 0.01 (0.0083 rounds up); 12 lines: 0.12 against
    // 0.60 × 20/120 = 0.10, two kopecks apart
    const lines = Array.from({ length: 12 }, () =>
      aLine({ priceKopecks: 5, sumKopecks: 5, vat: { type: 'vat20', sumKopecks: 1 } }),
    );

    expect(receiptVats(lines)).toBeUndefined();
  });

  it('when the two ways agree within a kopeck, then one element per rate is sent', () => {
    expect(receiptVats([aLine(), aLine({ vat: { type: 'none', sumKopecks: 0 } })])).toEqual([
      { type: 'vat22', sum: 449.02 },
      { type: 'none', sum: 0 },
    ]);
  });

  it('when more than six rates are used, then vats is left out', () => {
    const types = ['none', 'vat0', 'vat10', 'vat110', 'vat20', 'vat120', 'vat5'] as const;
    const lines = types.map((type) => aLine({ vat: { type, sumKopecks: 0 } }));

    expect(receiptVats(lines)).toBeUndefined();
  });
});
