import { cutName } from './names';

describe('cutName', () => {
  it('when a name fits, then it is kept as it is', () => {
    expect(cutName('Чайник')).toBe('Чайник');
    expect(cutName('я'.repeat(128))).toBe('я'.repeat(128));
  });

  it('when a Cyrillic name is longer, then 128 characters are kept (characters, not bytes)', () => {
    const cut = cutName('Набор посуды «Утро» '.repeat(10));

    expect([...cut].length).toBeLessThanOrEqual(128);
    expect(cut.length).toBeGreaterThanOrEqual(120);
    expect(cut).toBe(cut.trimEnd());
  });

  it('when an emoji sits on the limit, then it is not cut in half', () => {
    const cut = cutName(`${'a'.repeat(127)}😀tail`);

    expect(cut).toBe('a'.repeat(127));
    expect(cut).not.toMatch(/[\uD800-\uDBFF]$/);
  });

  it('when a letter with a combining accent sits on the limit, then both go together', () => {
    const cut = cutName(`${'b'.repeat(127)}e\u0301xyz`);

    expect(cut).toBe('b'.repeat(127));
  });

  it('when one character is longer than the limit, then code points are kept whole', () => {
    const cut = cutName(`e${'\u0301'.repeat(200)}`, 10);

    expect(cut.length).toBe(10);
  });
});
