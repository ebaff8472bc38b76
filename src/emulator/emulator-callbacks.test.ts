import fc from 'fast-check';
import { ATOL_CALLBACK_URL_REGEX, callbackUrlMatches, isLoopbackUrl } from './emulator-callbacks';

describe('callback_url mask (reference §3.1)', () => {
  const exact = new RegExp(ATOL_CALLBACK_URL_REGEX);

  it.each([
    ['https://teapot-shop.example/atol/callback', true],
    ['http://127.0.0.1:3000/kkm/callback/abc_DEF-1', true],
    ['https://магазин.рф/колбэк', true],
    ['http://shop.example/cb~1', false],
    ['ftp://shop.example/cb', false],
    ['http://[::1]:3000/cb', false],
    ['http://-shop.example/', false],
  ])('when the URL is %s, then it matches: %s', (url, expected) => {
    expect(callbackUrlMatches(url)).toBe(expected);
    expect(exact.test(url)).toBe(expected);
  });

  it("when random URLs are tried, then the safe pattern agrees with ATOL's", () => {
    const char = fc.constantFrom(...'aZ9_-.:/?#%~@яЁ'.split(''));
    const url = fc
      .tuple(fc.constantFrom('http://', 'https://', 'htp://'), fc.array(char, { maxLength: 14 }))
      .map(([scheme, chars]) => scheme + chars.join(''));

    fc.assert(
      fc.property(url, (candidate) => callbackUrlMatches(candidate) === exact.test(candidate)),
      { numRuns: 3000 },
    );
  });

  it('when a long host ends in a bad character, then the check stays fast', () => {
    const started = Date.now();

    expect(callbackUrlMatches(`http://${'a'.repeat(240)}!`)).toBe(false);
    expect(Date.now() - started).toBeLessThan(100);
  });

  it.each([
    ['http://localhost:3000/cb', true],
    ['http://127.0.0.5/cb', true],
    ['http://[::1]:3000/cb', true],
    ['http://shop.example/cb', false],
    ['file:///etc/passwd', false],
  ])('when the URL is %s, then it is loopback: %s', (url, expected) => {
    expect(isLoopbackUrl(url)).toBe(expected);
  });
});
