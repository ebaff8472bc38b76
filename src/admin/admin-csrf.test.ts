import { createCsrfTokens } from './admin-csrf';

describe('CSRF tokens', () => {
  let clock = 1_700_000_000_000;
  const tokens = createCsrfTokens({ secret: 'admin\npassword', ttlMs: 60_000, now: () => clock });

  it('when a token is issued for a user, then it verifies for that user', () => {
    expect(tokens.verify('admin', tokens.issue('admin'))).toBe(true);
  });

  it('when a token is checked for another user, then it is refused', () => {
    expect(tokens.verify('other', tokens.issue('admin'))).toBe(false);
  });

  it('when a token comes from another key (another password), then it is refused', () => {
    const other = createCsrfTokens({ secret: 'admin\nold-password', now: () => clock });
    expect(tokens.verify('admin', other.issue('admin'))).toBe(false);
  });

  it('when a token is missing, malformed or tampered with, then it is refused', () => {
    const token = tokens.issue('admin');
    const [issuedAt, mac] = token.split('.') as [string, string];
    expect(tokens.verify('admin', undefined)).toBe(false);
    expect(tokens.verify('admin', '')).toBe(false);
    expect(tokens.verify('admin', ['x'])).toBe(false);
    expect(tokens.verify('admin', `${Number(issuedAt) + 1}.${mac}`)).toBe(false);
    const flipped = mac.startsWith('A') ? `B${mac.slice(1)}` : `A${mac.slice(1)}`;
    expect(tokens.verify('admin', `${issuedAt}.${flipped}`)).toBe(false);
  });

  it('when a token is older than its lifetime, then it is refused', () => {
    const token = tokens.issue('admin');
    clock += 60_001;
    expect(tokens.verify('admin', token)).toBe(false);
  });
});
