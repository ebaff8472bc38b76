import { findDuplicateKey as findInBuffer } from './duplicate-keys';

const findDuplicateKey = (text: string) => findInBuffer(Buffer.from(text));

describe('findDuplicateKey', () => {
  it('when a key repeats in one object, then its path is named', () => {
    expect(findDuplicateKey('{"total":1,"total":2}')).toBe('total');
    expect(findDuplicateKey('{"items":[{"a":1},{"name":"x","name":"y"}]}')).toBe('items.1.name');
    expect(findDuplicateKey('{"c":{"d":[1,[2,{"e":1,"e":2}]]}}')).toBe('c.d.1.1.e');
  });

  it('when keys differ only by escapes, then they are still the same key', () => {
    expect(findDuplicateKey('{"a":1,"\\u0061":2}')).toBe('a');
  });

  it('when equal keys sit in different objects or inside strings, then nothing is found', () => {
    expect(findDuplicateKey('{"a":{"a":1},"b":[{"a":1},{"a":2}]}')).toBeUndefined();
    expect(findDuplicateKey('{"a":"\\"a\\":1,\\"a\\":2","b":"{\\"x\\"}"}')).toBeUndefined();
    expect(findDuplicateKey('{"a\\\\":1,"a":2}')).toBeUndefined();
  });

  it('when names and values are not ASCII, then keys are compared as text', () => {
    expect(findDuplicateKey('{"имя":"чайник","ключ":"\\"","имя":1}')).toBe('имя');
    expect(findDuplicateKey('{"имя":"чайник","имя2":1}')).toBeUndefined();
  });

  it('when the text is not JSON, then it does not throw', () => {
    for (const text of ['', '{', '"', '{"a', '}}]]', '{"a":1,"a']) {
      expect(() => findDuplicateKey(text)).not.toThrow();
    }
  });
});
