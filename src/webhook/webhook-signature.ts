import crypto from 'node:crypto';

/** Header carrying `sha256=<hex HMAC-SHA256 of the raw body>`. */
export const SIGNATURE_HEADER = 'X-Kkm-Signature';
/** Header carrying the send time (ISO 8601); the same value is `sentAt` in the signed body. */
export const TIMESTAMP_HEADER = 'X-Kkm-Timestamp';
/** Header carrying the delivery id; retries of one delivery repeat it, so shops can dedupe. */
export const DELIVERY_HEADER = 'X-Kkm-Delivery';

/** The signature header value for a raw body. */
export function signBody(secret: string, rawBody: string | Buffer): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/** True when `header` is the signature of `rawBody` (compared in constant time). */
export function verifySignature(
  secret: string,
  rawBody: string | Buffer,
  header: string | undefined,
): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(secret, rawBody));
  const given = Buffer.from(header);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}
