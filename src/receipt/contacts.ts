import type { FieldProblem } from '../errors/errors';

/** Which contact goes to ATOL when both are usable (RECEIPT_CONTACT_PREFERENCE). */
export type ContactPreference = 'email' | 'phone' | 'both';

export interface CustomerContacts {
  email?: string | undefined;
  phone?: string | undefined;
}

/** What goes into `receipt.client` (reference §3.2): at least one of the two. */
export interface ReceiptClient {
  email?: string;
  phone?: string;
}

export interface ResolvedContacts {
  client: ReceiptClient;
  /** Non-empty contacts that were left out because they are not usable. */
  dropped: FieldProblem[];
  /** Set when no contact is usable: the document must be refused. */
  problems: FieldProblem[];
}

// ATOL allows 64 characters for either contact (reference §3.2).
const MAX_CONTACT = 64;
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
const PHONE_FORMATTING = /[\s()\-.]/g;

/** A trimmed e-mail address ATOL will take, or undefined. */
export function normaliseEmail(raw: string): string | undefined {
  const email = raw.trim();
  return email.length <= MAX_CONTACT && EMAIL.test(email) ? email : undefined;
}

/**
 * A phone as ATOL wants it (shop-api.md rule 8): Russian numbers become `+7XXXXXXXXXX`
 * (`8 900 000-00-00`, `+7 (900) 000-00-00` and `9000000000` alike); another country's number
 * with a leading `+` keeps its code, digits only. Anything else is undefined.
 */
export function normalisePhone(raw: string): string | undefined {
  const phone = raw.replace(PHONE_FORMATTING, '');
  if (/^\+7\d{10}$/.test(phone)) return phone;
  if (/^[78]\d{10}$/.test(phone)) return `+7${phone.slice(1)}`;
  if (/^\d{10}$/.test(phone)) return `+7${phone}`;
  if (/^\+[1-689]\d{7,14}$/.test(phone)) return phone;
  return undefined;
}

/**
 * Picks the contacts for the electronic receipt. Empty values are left out; a value that is
 * given but unusable is left out too when the other one is usable (and reported in `dropped`),
 * and refused with its field path when it is the only one.
 */
export function resolveContacts(
  customer: CustomerContacts | undefined,
  preference: ContactPreference,
  basePath = 'customer',
): ResolvedContacts {
  const rawEmail = customer?.email?.trim() ?? '';
  const rawPhone = customer?.phone?.trim() ?? '';
  const email = rawEmail === '' ? undefined : normaliseEmail(rawEmail);
  const phone = rawPhone === '' ? undefined : normalisePhone(rawPhone);

  const unusable: FieldProblem[] = [];
  if (rawEmail !== '' && !email) {
    unusable.push({ path: `${basePath}.email`, message: 'is not a usable e-mail address' });
  }
  if (rawPhone !== '' && !phone) {
    unusable.push({ path: `${basePath}.phone`, message: 'is not a usable phone number' });
  }

  if (!email && !phone) {
    const problems = unusable.length
      ? unusable
      : [{ path: basePath, message: 'needs an e-mail or a phone for the electronic receipt' }];
    return { client: {}, dropped: [], problems };
  }
  return { client: pick(email, phone, preference), dropped: unusable, problems: [] };
}

function pick(
  email: string | undefined,
  phone: string | undefined,
  preference: ContactPreference,
): ReceiptClient {
  // With both, ATOL's OFD mails the receipt only (reference §3.2); the setting decides.
  if (email && phone) {
    if (preference === 'both') return { email, phone };
    return preference === 'phone' ? { phone } : { email };
  }
  return email ? { email } : { phone: phone ?? '' };
}
