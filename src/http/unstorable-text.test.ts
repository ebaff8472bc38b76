import { findUnstorableText } from './unstorable-text';

describe('findUnstorableText', () => {
  it('when a string holds a NUL character, then its path is named', () => {
    const problems = findUnstorableText({ items: [{ name: 'ok' }, { name: 'bad\u0000' }] });

    expect(problems).toEqual([{ path: 'items.1.name', message: expect.stringContaining('NUL') }]);
  });

  it('when a string holds a lone surrogate, then it is refused, a proper pair is not', () => {
    expect(findUnstorableText({ name: 'emoji 😀' })).toEqual([]);
    expect(findUnstorableText({ name: 'broken \ud83d' })[0]?.path).toBe('name');
    expect(findUnstorableText({ name: '\ude00 tail' })[0]?.path).toBe('name');
  });

  it('when a value is nested very deeply, then the walk stops with a problem', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 1000; i += 1) deep = { a: deep };

    const problems = findUnstorableText(deep);

    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/nested more than/);
  });
});
