import { UnprocessableError } from '../errors/errors';
import { buildReceipt, operationFor } from './receipt-engine';
import { parseDocument } from './receipt-schemas';
import { type ReceiptSettings, ReceiptSettingsError } from './receipt-settings';
import type { BuildContext } from './receipt-types';

const settings: ReceiptSettings = {
  timeZone: 'Europe/Moscow',
  company: {
    inn: '7712345678',
    sno: 'osn',
    paymentAddress: 'https://shop.example',
    email: 'receipts@shop.example',
  },
  receipt: {
    defaultVat: 'vat10',
    defaultPaymentMethod: 'full_payment',
    defaultPaymentObject: 'commodity',
    defaultMeasurementUnit: 'шт',
    shippingPaymentObject: 'service',
    contactPreference: 'email',
  },
};

const example = {
  id: '100000123',
  createdAt: '2026-12-03T10:15:00+03:00',
  customer: { email: 'buyer@example.org', phone: '+7 (900) 000-00-00' },
  items: [{ name: 'Электрический чайник', price: 1990, quantity: 2, discount: 100, vat: 'vat20' }],
  shipping: { name: 'Доставка курьером', price: 300, vat: 'vat20' },
  total: 4180,
};

function build(
  body: Record<string, unknown>,
  kind: 'invoice' | 'refund' = 'invoice',
  context: BuildContext = {},
  options: ReceiptSettings = settings,
) {
  return buildReceipt(parseDocument(kind, body), kind, options, context);
}

function refusal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof UnprocessableError) return error.fields;
    throw error;
  }
  throw new Error('not refused');
}

describe('buildReceipt', () => {
  it('when the shop-api.md example is built, then lines, VAT, payments and notes follow', () => {
    const { receipt, notes } = build(example);

    expect(receipt.lines).toEqual([
      {
        source: 'items.0',
        name: 'Электрический чайник',
        priceKopecks: 194000,
        quantityThousandths: 2000,
        sumKopecks: 388000,
        vat: { type: 'vat22', sumKopecks: 69967 },
        paymentMethod: 'full_payment',
        paymentObject: 'commodity',
        measurementUnit: 'шт',
      },
      {
        source: 'shipping',
        name: 'Доставка курьером',
        priceKopecks: 30000,
        quantityThousandths: 1000,
        sumKopecks: 30000,
        vat: { type: 'vat22', sumKopecks: 5410 },
        paymentMethod: 'full_payment',
        paymentObject: 'service',
      },
    ]);
    expect(receipt.payments).toEqual([{ type: 1, sumKopecks: 418000 }]);
    expect(receipt.client).toEqual({ email: 'buyer@example.org' });
    expect(receipt).toMatchObject({
      operation: 'sell',
      vatDate: '2026-12-03',
      totalKopecks: 418000,
    });
    expect(notes).toEqual([
      {
        type: 'vat_remapped',
        message: 'vat20 sent as vat22, the rate in force on 2026-12-03',
        data: { from: 'vat20', to: 'vat22', paths: ['items.0', 'shipping'], vatDate: '2026-12-03' },
      },
    ]);
  });

  it('when a refund of a 2025 invoice is built in 2026, then it keeps the invoice rates', () => {
    const body = { ...example, invoiceDate: '2025-11-20T12:00:00+03:00' };

    const { receipt, notes } = build(body, 'refund');

    expect(receipt.operation).toBe('sell_refund');
    expect(receipt.lines.map((line) => line.vat.type)).toEqual(['vat20', 'vat20']);
    expect(receipt.vatDate).toBe('2026-12-03');
    expect(notes).toEqual([
      {
        type: 'vat_kept',
        message: 'vat20 kept: a refund of an invoice dated 2025-11-20',
        data: { rate: 'vat20', paths: ['items.0', 'shipping'], invoiceDate: '2025-11-20' },
      },
    ]);
  });

  it('when the service knows the invoice date, then it wins over the body', () => {
    const body = { ...example, invoiceDate: '2026-01-05T12:00:00+03:00' };

    const { receipt } = build(body, 'refund', { invoiceDate: new Date('2025-12-31T20:00:00Z') });

    expect(receipt.lines[0]?.vat.type).toBe('vat20');
  });

  it('when a refund has no invoice date, then its own date picks the rates', () => {
    expect(build(example, 'refund').receipt.lines[0]?.vat.type).toBe('vat22');
  });

  it('when an invoice carries an invoice date, then it is ignored', () => {
    const body = { ...example, invoiceDate: '2025-11-20T12:00:00+03:00' };

    expect(build(body).receipt.lines[0]?.vat.type).toBe('vat22');
  });

  it('when the document has no date, then the given clock is its date', () => {
    const { createdAt: _ignored, ...body } = example;

    const { receipt } = build(body, 'invoice', { now: new Date('2025-07-01T09:00:00Z') });

    expect(receipt.documentDate).toBe('2025-07-01T09:00:00.000Z');
    expect(receipt.lines[0]?.vat.type).toBe('vat20');
  });

  it('when fields are left out, then the configured defaults fill them', () => {
    const body = {
      id: 'D-1',
      createdAt: '2025-07-01T10:00:00+03:00',
      customer: { phone: '8 900 000 00 00' },
      items: [{ name: 'Книга', price: 500, quantity: 1 }],
      shipping: { price: 100 },
      total: 600,
    };

    const { receipt } = build(body);

    expect(receipt.lines[0]).toMatchObject({
      vat: { type: 'vat10', sumKopecks: 4545 },
      paymentMethod: 'full_payment',
      paymentObject: 'commodity',
      measurementUnit: 'шт',
    });
    expect(receipt.lines[1]).toMatchObject({ name: 'Доставка', paymentObject: 'service' });
    expect(receipt.lines[1]).not.toHaveProperty('measurementUnit');
    expect(receipt.client).toEqual({ phone: '+79000000000' });
  });

  it('when both contacts are usable and the setting says phone, then the phone is sent', () => {
    const phoneFirst = {
      ...settings,
      receipt: { ...settings.receipt, contactPreference: 'phone' as const },
    };

    expect(build(example, 'invoice', {}, phoneFirst).receipt.client).toEqual({
      phone: '+79000000000',
    });
  });

  it('when part was paid earlier, then it is payment type 2 and the rest type 1', () => {
    const { receipt } = build({ ...example, prepaid: 1000 });

    expect(receipt.payments).toEqual([
      { type: 1, sumKopecks: 318000 },
      { type: 2, sumKopecks: 100000 },
    ]);
  });

  it('when all was paid earlier, then only payment type 2 is sent', () => {
    expect(build({ ...example, prepaid: 4180 }).receipt.payments).toEqual([
      { type: 2, sumKopecks: 418000 },
    ]);
  });

  it('when a row is split or a difference spread, then the history says so', () => {
    const body = { ...example, items: [{ name: 'Ручка', price: 10, quantity: 3, discount: 10 }] };
    const types = (total: number) =>
      build({ ...body, shipping: undefined, total }).notes.map((note) => note.type);

    expect(types(20)).toEqual(['line_split']); // the shop's own row: 20.00 over 3 units
    expect(types(18)).toEqual(['total_spread']); // 6.00 a unit: no split needed
    expect(types(19)).toEqual(['line_split', 'total_spread']); // 19.00 over 3 units
  });

  it('when a document breaks several rules, then every field is named', () => {
    const fields = refusal(() =>
      build({
        ...example,
        createdAt: '2024-05-01T10:00:00+03:00',
        items: [
          { name: 'a', price: 10, quantity: 1, discount: 11 },
          { name: 'b', price: 10, quantity: 1, vat: 'vat5' },
          { name: 'c', price: 10, quantity: 1, vat: 'vat118' },
        ],
        shipping: { price: 10, discount: 20 },
        prepaid: 5000,
      }),
    );

    expect(fields).toEqual([
      { path: 'items.0.discount', message: 'is larger than what it discounts' },
      { path: 'items.1.vat', message: 'vat5 is in force only from 2025-01-01' },
      { path: 'items.2.vat', message: 'vat118 is no longer accepted since 2019' },
      { path: 'shipping.discount', message: 'is larger than what it discounts' },
      { path: 'prepaid', message: 'is larger than total' },
    ]);
  });

  it('when the total is zero or beyond ATOL, then total is named', () => {
    expect(refusal(() => build({ ...example, total: 0 }))).toEqual([
      { path: 'total', message: 'is zero: nothing to fiscalize' },
    ]);
    expect(refusal(() => build({ ...example, total: '42949672.96' }))[0]?.path).toBe('total');
  });

  it('when a share cannot cover a kopeck per unit, then its row is named', () => {
    const body = { ...example, items: [{ name: 'x', price: 0.01, quantity: 3, discount: 0.01 }] };

    expect(refusal(() => build({ ...body, shipping: undefined, total: 0.02 }))).toEqual([
      { path: 'items.0', message: '0.02 cannot be written as price × quantity' },
    ]);
  });

  it('when the settings are broken, then a settings error says which', () => {
    const broken = { ...settings, company: { ...settings.company, inn: '123' } };

    expect(() => build(example, 'invoice', {}, broken)).toThrow(ReceiptSettingsError);
    expect(() => build(example, 'invoice', {}, broken)).toThrow('company.inn');
  });

  it('when a long name is sent, then it is cut and the history says so', () => {
    const body = { ...example, items: [{ ...example.items[0], name: 'Я'.repeat(200) }] };

    const { receipt, notes } = build(body);

    expect(receipt.lines[0]?.name).toHaveLength(128);
    expect(notes.map((note) => note.type)).toContain('name_cut');
  });
});

describe('operationFor', () => {
  it('when the kind is given, then the ATOL operation follows', () => {
    expect(operationFor('invoice')).toBe('sell');
    expect(operationFor('refund')).toBe('sell_refund');
  });
});
