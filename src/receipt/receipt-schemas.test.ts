import { ValidationError } from '../errors/errors';
import { parseDocument } from './receipt-schemas';

const valid = {
  id: '100000123',
  orderId: '000000456',
  createdAt: '2026-12-03T10:15:00+03:00',
  customer: { email: 'buyer@example.org', phone: '+7 (900) 000-00-00' },
  items: [
    {
      sku: 'KETTLE-1',
      name: 'Электрический чайник',
      price: 1990.0,
      quantity: 2,
      discount: 100.0,
      vat: 'vat20',
      paymentMethod: 'full_payment',
      paymentObject: 'commodity',
      measurementUnit: 'шт',
    },
  ],
  shipping: { name: 'Доставка курьером', price: 300, discount: 0, vat: 'vat20' },
  prepaid: 0,
  total: 4180.0,
};

function fieldsOf(kind: 'invoice' | 'refund', body: unknown) {
  try {
    parseDocument(kind, body);
  } catch (error) {
    if (error instanceof ValidationError) return error.fields;
    throw error;
  }
  throw new Error('the body was accepted');
}

describe('parseDocument', () => {
  it('when the shop-api.md example is parsed, then money is kopecks, quantity thousandths', () => {
    const doc = parseDocument('invoice', valid);

    expect(doc.items[0]).toMatchObject({ price: 199000, quantity: 2000, discount: 10000 });
    expect(doc.shipping).toMatchObject({ price: 30000, discount: 0 });
    expect(doc.total).toBe(418000);
    expect(doc.prepaid).toBe(0);
    expect(doc.createdAt?.toISOString()).toBe('2026-12-03T07:15:00.000Z');
  });

  it('when money comes as decimal strings, then it is read the same', () => {
    const doc = parseDocument('invoice', { ...valid, total: '4180.00', prepaid: '0.5' });

    expect(doc.total).toBe(418000);
    expect(doc.prepaid).toBe(50);
  });

  it('when optional fields are null or absent, then defaults apply', () => {
    const doc = parseDocument('invoice', {
      id: 'A-1',
      customer: { email: 'buyer@example.org', phone: null },
      items: [{ name: 'x', price: 1, quantity: 1, discount: null, vat: null }],
      shipping: null,
      total: 1,
    });

    expect(doc.items[0]).toEqual({ name: 'x', price: 100, quantity: 1000, discount: 0 });
    expect(doc.shipping).toBeUndefined();
  });

  it('when unknown fields are sent, then they are dropped and never reach the document', () => {
    const doc = parseDocument('invoice', {
      ...valid,
      magento: { store: 1 },
      items: [{ ...valid.items[0], extension_attributes: {} }],
    });

    expect(doc).not.toHaveProperty('magento');
    expect(doc.items[0]).not.toHaveProperty('extension_attributes');
  });

  it('when a name has tabs and line breaks, then they become single spaces', () => {
    const doc = parseDocument('invoice', {
      ...valid,
      items: [{ ...valid.items[0], name: '  Чайник\t\n электрический ' }],
    });

    expect(doc.items[0]?.name).toBe('Чайник электрический');
  });

  it('when many fields are wrong, then every one is named by its path', () => {
    const fields = fieldsOf('invoice', {
      id: 'bad id',
      createdAt: '2026-02-30T10:00:00+03:00',
      customer: { email: '' },
      items: [
        { name: 'ok', price: 1, quantity: 1 },
        { name: '', price: '1,5', quantity: 1 },
        { name: 'x', price: 10.005, quantity: 100000, vat: 'vat19', paymentObject: 'goods' },
      ],
      total: -1,
    });

    expect(fields.map((field) => field.path)).toEqual([
      'id',
      'createdAt',
      'customer',
      'items.1.name',
      'items.1.price',
      'items.2.price',
      'items.2.quantity',
      'items.2.vat',
      'items.2.paymentObject',
      'total',
    ]);
  });

  it('when a quantity is zero or has four decimals, then it is refused', () => {
    const item = (quantity: unknown) => ({ ...valid, items: [{ name: 'x', price: 1, quantity }] });

    expect(fieldsOf('invoice', item(0))).toEqual([
      { path: 'items.0.quantity', message: 'a quantity must be greater than 0' },
    ]);
    expect(fieldsOf('invoice', item(1.0001))).toEqual([
      { path: 'items.0.quantity', message: 'a quantity has more than 3 decimals' },
    ]);
  });

  it('when there are no items or more than 100, then the items field is named', () => {
    expect(fieldsOf('invoice', { ...valid, items: [] })).toEqual([
      { path: 'items', message: 'needs at least one item' },
    ]);
    const many = Array.from({ length: 101 }, () => valid.items[0]);
    expect(fieldsOf('invoice', { ...valid, items: many })[0]?.path).toBe('items');
  });

  it('when strings are hostile in length, then they are refused before any work', () => {
    const fields = fieldsOf('invoice', {
      ...valid,
      orderId: 'o'.repeat(65),
      items: [{ ...valid.items[0], name: 'n'.repeat(1001), measurementUnit: 'килограммы весовые' }],
    });

    expect(fields.map((field) => field.path)).toEqual([
      'orderId',
      'items.0.name',
      'items.0.measurementUnit',
    ]);
  });

  it('when a refund names its invoice and its date, then both are read', () => {
    const doc = parseDocument('refund', {
      ...valid,
      invoiceId: 'S-1',
      invoiceDate: '2025-12-20T10:00:00Z',
    });

    expect(doc.invoiceId).toBe('S-1');
    expect(doc.invoiceDate?.toISOString()).toBe('2025-12-20T10:00:00.000Z');
  });

  it('when the body is not an object, then the error says so', () => {
    expect(fieldsOf('invoice', 'text')).toEqual([
      { path: '', message: expect.stringContaining('expected object') },
    ]);
  });
});
