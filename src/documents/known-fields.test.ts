import { createKnownFieldsCheck } from './known-fields';

const schema = {
  properties: {
    id: {},
    customer: { properties: { email: {}, phone: {} } },
    items: { items: { properties: { name: {}, price: {} } } },
    shipping: { anyOf: [{ properties: { price: {} } }, { type: 'null' }] },
  },
};

describe('createKnownFieldsCheck', () => {
  const check = createKnownFieldsCheck(schema);

  it('when every field is known, then there is no problem', () => {
    const body = { id: '1', customer: { email: 'a@b.c' }, items: [{ name: 'x', price: 1 }] };

    expect(check(body)).toEqual([]);
  });

  it('when fields are unknown at any level, then each is named by its path', () => {
    const body = {
      id: '1',
      discont: 5,
      customer: { mail: 'a@b.c' },
      items: [{ name: 'x' }, { name: 'y', cost: 1 }],
      shipping: { price: 1, carrier: 'dhl' },
    };

    expect(check(body).map((problem) => problem.path)).toEqual([
      'discont',
      'customer.mail',
      'items.1.cost',
      'shipping.carrier',
    ]);
  });

  it('when a known field holds an unexpected shape, then it is left to the schema', () => {
    expect(check({ id: { nested: { deep: 1 } }, items: 'not a list' })).toEqual([]);
  });
});
