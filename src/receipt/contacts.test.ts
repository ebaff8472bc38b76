import { normaliseEmail, normalisePhone, resolveContacts } from './contacts';

describe('normalisePhone', () => {
  it.each([
    ['8 900 000-00-00', '+79000000000'],
    ['+7 (900) 000-00-00', '+79000000000'],
    ['9000000000', '+79000000000'],
    ['7 900 000 00 00', '+79000000000'],
    ['8(495)123.45.67', '+74951234567'],
    ['+375 29 123-45-67', '+375291234567'],
  ])('when the phone is %p, then it becomes %p', (raw, phone) => {
    expect(normalisePhone(raw)).toBe(phone);
  });

  it.each([
    '12345',
    '+7 900 000 00',
    '8 900 000 00 000',
    'call me',
    '+0 123 456 789',
    '9OO0000000',
  ])('when the phone is %p, then it is not usable', (raw) => {
    expect(normalisePhone(raw)).toBeUndefined();
  });
});

describe('normaliseEmail', () => {
  it('when an address has spaces around it, then they are trimmed', () => {
    expect(normaliseEmail('  buyer@example.org ')).toBe('buyer@example.org');
  });

  it.each([
    'buyer',
    'buyer@',
    '@example.org',
    'buyer@example',
    'a b@example.org',
    `${'a'.repeat(60)}@ex.org`,
  ])('when the address is %p, then it is not usable', (raw) => {
    expect(normaliseEmail(raw)).toBeUndefined();
  });
});

describe('resolveContacts', () => {
  const both = { email: 'buyer@example.org', phone: '8 900 000-00-00' };

  it('when both are usable, then the preference decides what is sent', () => {
    expect(resolveContacts(both, 'email').client).toEqual({ email: 'buyer@example.org' });
    expect(resolveContacts(both, 'phone').client).toEqual({ phone: '+79000000000' });
    expect(resolveContacts(both, 'both').client).toEqual({
      email: 'buyer@example.org',
      phone: '+79000000000',
    });
  });

  it('when the e-mail is empty, then the phone is sent even if e-mail is preferred', () => {
    const resolved = resolveContacts({ email: '', phone: '+7 (999) 000-00-00' }, 'email');

    expect(resolved).toEqual({ client: { phone: '+79990000000' }, dropped: [], problems: [] });
  });

  it('when one contact is unusable and the other fine, then it is left out and reported', () => {
    const resolved = resolveContacts({ email: 'nope', phone: '9000000000' }, 'email');

    expect(resolved.client).toEqual({ phone: '+79000000000' });
    expect(resolved.dropped).toEqual([
      { path: 'customer.email', message: 'is not a usable e-mail address' },
    ]);
  });

  it('when no contact is given, then the customer field is named', () => {
    expect(resolveContacts(undefined, 'email').problems).toEqual([
      { path: 'customer', message: 'needs an e-mail or a phone for the electronic receipt' },
    ]);
    expect(resolveContacts({ email: '  ', phone: '' }, 'email').problems).toHaveLength(1);
  });

  it('when every given contact is unusable, then each is named', () => {
    const paths = resolveContacts({ email: 'x', phone: '1' }, 'both').problems.map((p) => p.path);

    expect(paths).toEqual(['customer.email', 'customer.phone']);
  });
});
