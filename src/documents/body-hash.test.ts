import { bodyHash, canonicalJson } from './body-hash';

describe('canonicalJson', () => {
  it('when keys come in another order, then the text is the same', () => {
    const a = { total: 100, id: 'A1', items: [{ price: 1, name: 'x' }] };
    const b = { id: 'A1', items: [{ name: 'x', price: 1 }], total: 100 };

    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"id":"A1","items":[{"name":"x","price":1}],"total":100}');
  });

  it('when a member is undefined, then it is left out and dates become ISO text', () => {
    const text = canonicalJson({ b: undefined, a: new Date('2026-01-02T03:04:05Z') });

    expect(text).toBe('{"a":"2026-01-02T03:04:05.000Z"}');
  });
});

describe('bodyHash', () => {
  it('when two bodies differ in one value, then their hashes differ', () => {
    expect(bodyHash({ id: 'A1', total: 100 })).not.toBe(bodyHash({ id: 'A1', total: 101 }));
    expect(bodyHash({ id: 'A1', total: 100 })).toBe(bodyHash({ total: 100, id: 'A1' }));
  });
});
