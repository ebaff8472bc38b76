import { checkCredentials, parseBasicAuth } from './admin-auth';

const basic = (text: string): string => `Basic ${Buffer.from(text).toString('base64')}`;
const expected = { user: 'admin', password: 's3cret:with-colon' };

describe('admin login', () => {
  it('when the header is Basic with user and password, then both are read', () => {
    expect(parseBasicAuth(basic('admin:s3cret:with-colon'))).toEqual(expected);
  });

  it('when the header is missing, not Basic, or has no colon, then nothing is read', () => {
    expect(parseBasicAuth(undefined)).toBeUndefined();
    expect(parseBasicAuth('Bearer abc')).toBeUndefined();
    expect(parseBasicAuth(basic('adminonly'))).toBeUndefined();
  });

  it('when user and password match, then the login is accepted', () => {
    expect(checkCredentials({ user: 'admin', password: 's3cret:with-colon' }, expected)).toBe(true);
  });

  it('when the user or the password differs, then the login is refused', () => {
    expect(checkCredentials({ user: 'admin', password: 's3cret' }, expected)).toBe(false);
    expect(checkCredentials({ user: 'Admin', password: expected.password }, expected)).toBe(false);
    expect(checkCredentials({ user: '', password: '' }, expected)).toBe(false);
  });

  it('when no password is configured, then no login is accepted', () => {
    expect(checkCredentials({ user: 'admin', password: '' }, { user: 'admin', password: '' })).toBe(
      false,
    );
  });
});
