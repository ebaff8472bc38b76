import fc from 'fast-check';
import { externalIdFor } from './external-id';

const base = {
  companyKey: 'default',
  kind: 'invoice' as const,
  shopId: '100000123',
  generation: 1,
};

describe('externalIdFor', () => {
  it('when the first attempt of a sale is named, then it is company, kind and shop id', () => {
    expect(externalIdFor(base)).toBe('default.sell.100000123');
  });

  it('when a resend follows a fail, then the generation is added from 2 on', () => {
    expect(externalIdFor({ ...base, generation: 2 })).toBe('default.sell.100000123-r2');
    expect(externalIdFor({ ...base, generation: 11 })).toBe('default.sell.100000123-r11');
  });

  it('when a refund has the same id as its invoice, then the ids still differ', () => {
    expect(externalIdFor({ ...base, kind: 'refund' })).toBe('default.refund.100000123');
  });

  it('when a shop id already ends like a generation, then generation 1 is marked too', () => {
    expect(externalIdFor({ ...base, shopId: '100-r2' })).toBe('default.sell.100-r2-r1');
    expect(externalIdFor({ ...base, shopId: '100', generation: 2 })).toBe('default.sell.100-r2');
  });

  it('when the company key is not plain, then a short hash of it stands in', () => {
    const id = externalIdFor({ ...base, companyKey: 'shop.one' });

    expect(id).toMatch(/^k[0-9a-f]{12}\.sell\.100000123$/);
  });

  it('when the id would pass 128 characters, then the tail is a hash and it stays unique', () => {
    const long = { ...base, shopId: 'x'.repeat(200) };
    const a = externalIdFor(long);
    const b = externalIdFor({ ...long, shopId: `${'x'.repeat(199)}y` });

    expect(a).toHaveLength(128);
    expect(b).toHaveLength(128);
    expect(a).not.toBe(b);
  });

  it('when the generation is not a whole number from 1, then it throws', () => {
    expect(() => externalIdFor({ ...base, generation: 0 })).toThrow(RangeError);
    expect(() => externalIdFor({ ...base, generation: 1.5 })).toThrow(RangeError);
  });

  it('when any two different inputs are named, then their ids differ and fit 128', () => {
    const input = fc.record({
      companyKey: fc.oneof(fc.constantFrom('default', 'a', 'a-b', 'shop_2'), fc.string()),
      kind: fc.constantFrom<'invoice' | 'refund'>('invoice', 'refund'),
      shopId: fc.stringMatching(/^[A-Za-z0-9._-]{1,64}$/),
      generation: fc.integer({ min: 1, max: 1000 }),
    });
    fc.assert(
      fc.property(input, input, (a, b) => {
        fc.pre(JSON.stringify(a) !== JSON.stringify(b));
        expect(externalIdFor(a)).not.toBe(externalIdFor(b));
        expect(externalIdFor(a).length).toBeLessThanOrEqual(128);
      }),
      { numRuns: 3000 },
    );
  });

  it('when ids are built around a generation suffix, then none collide', () => {
    const ids = new Set<string>();
    for (const shopId of ['100', '100-r1', '100-r2', '100-r2-r1', '100-r1-r2']) {
      for (const generation of [1, 2, 3]) ids.add(externalIdFor({ ...base, shopId, generation }));
    }
    expect(ids.size).toBe(15);
  });
});
