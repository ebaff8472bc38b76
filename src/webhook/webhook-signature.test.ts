import crypto from 'node:crypto';
import { signBody, verifySignature } from './webhook-signature';

describe('webhook signatures', () => {
  const body = '{"event":"document.done"}';

  it('when a body is signed, then the header is sha256= and the HMAC of the raw body', () => {
    const expected = crypto.createHmac('sha256', 'secret-1').update(body).digest('hex');

    expect(signBody('secret-1', body)).toBe(`sha256=${expected}`);
  });

  it('when the body, the secret or the header differ, then verification fails', () => {
    const header = signBody('secret-1', body);

    expect(verifySignature('secret-1', body, header)).toBe(true);
    expect(verifySignature('secret-2', body, header)).toBe(false);
    expect(verifySignature('secret-1', `${body} `, header)).toBe(false);
    expect(verifySignature('secret-1', body, undefined)).toBe(false);
    expect(verifySignature('secret-1', body, 'sha256=00')).toBe(false);
  });
});
