import { createAtolTokenCache } from './atol-token-cache';

describe('ATOL token cache', () => {
  let now = 0;
  const clock = () => now;

  beforeEach(() => {
    now = 1_000_000;
  });

  function counter() {
    let fetched = 0;
    const fetchToken = async () => `token-${++fetched}`;
    return { fetchToken, count: () => fetched };
  }

  it('when a token is younger than the lifetime, then it is reused', async () => {
    const cache = createAtolTokenCache({ ttlMs: 1000, now: clock });
    const { fetchToken, count } = counter();

    const first = await cache.get('shop', fetchToken);
    now += 999;
    const second = await cache.get('shop', fetchToken);
    now += 1;
    const third = await cache.get('shop', fetchToken);

    expect([first, second, third]).toEqual(['token-1', 'token-1', 'token-2']);
    expect(count()).toBe(2);
  });

  it('when callers ask at once, then they share one fetch', async () => {
    const cache = createAtolTokenCache({ now: clock });
    const { fetchToken, count } = counter();

    const tokens = await Promise.all(
      Array.from({ length: 5 }, () => cache.get('shop', fetchToken)),
    );

    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    expect(count()).toBe(1);
  });

  it('when companies differ, then their tokens differ', async () => {
    const cache = createAtolTokenCache({ now: clock });
    const { fetchToken } = counter();

    expect(await cache.get('a', fetchToken)).not.toBe(await cache.get('b', fetchToken));
  });

  it('when a fetch fails, then the failure is not kept', async () => {
    const cache = createAtolTokenCache({ now: clock });
    const failing = () => Promise.reject(new Error('down'));

    await expect(cache.get('shop', failing)).rejects.toThrow('down');
    expect(await cache.get('shop', async () => 'fresh')).toBe('fresh');
  });

  it('when several callers invalidate the same old token, then one refresh follows', async () => {
    const cache = createAtolTokenCache({ now: clock });
    const { fetchToken, count } = counter();
    const old = await cache.get('shop', fetchToken);

    cache.invalidate('shop', old);
    const fresh = await cache.get('shop', fetchToken);
    cache.invalidate('shop', old);
    const again = await cache.get('shop', fetchToken);

    expect([fresh, again]).toEqual(['token-2', 'token-2']);
    expect(count()).toBe(2);
  });
});
