import { z } from 'zod';
import { isTimeZone } from '../time/zoned-time';
import {
  PAYMENT_METHODS,
  PAYMENT_OBJECTS,
  SNO_VALUES,
  VAT_VALUES,
  type PaymentMethod,
  type PaymentObject,
  type Sno,
  type VatType,
} from './receipt-enums';
import type { ContactPreference } from './contacts';

/**
 * What the engine needs from the configuration. The whole `Config` fits this shape, so the
 * composition root can pass it as it is. Strings are checked when a receipt is built: a bad
 * setting is a configuration error, not the shop's.
 */
export interface ReceiptSettings {
  /** IANA zone: local dates pick VAT rates; the v4 timestamp is written in it. */
  timeZone: string;
  company: { inn: string; sno: string; paymentAddress: string; email: string };
  receipt: {
    defaultVat: string;
    defaultPaymentMethod: string;
    defaultPaymentObject: string;
    defaultMeasurementUnit: string;
    shippingPaymentObject: string;
    contactPreference: ContactPreference;
  };
}

/** The settings after checking, with enum types. */
export interface CheckedSettings {
  timeZone: string;
  company: { inn: string; sno: Sno; paymentAddress: string; email: string };
  defaultVat: VatType;
  defaultPaymentMethod: PaymentMethod;
  defaultPaymentObject: PaymentObject;
  defaultMeasurementUnit: string;
  shippingPaymentObject: PaymentObject;
  contactPreference: ContactPreference;
}

const settingsSchema = z.object({
  timeZone: z.string().refine(isTimeZone, 'is not an IANA time zone'),
  company: z.object({
    // reference §3.3: INN 10 or 12 digits, payment address ≤ 256, e-mail ≤ 64
    inn: z.string().regex(/^(\d{10}|\d{12})$/, 'must be 10 or 12 digits'),
    sno: z.enum(SNO_VALUES),
    paymentAddress: z.string().min(1).max(256),
    email: z.string().min(3).max(64),
  }),
  receipt: z.object({
    defaultVat: z.enum(VAT_VALUES),
    defaultPaymentMethod: z.enum(PAYMENT_METHODS),
    defaultPaymentObject: z.enum(PAYMENT_OBJECTS),
    defaultMeasurementUnit: z.string().max(16),
    shippingPaymentObject: z.enum(PAYMENT_OBJECTS),
    contactPreference: z.enum(['email', 'phone', 'both']),
  }),
});

/** Thrown for settings the engine cannot work with; a bug in configuration, answered as 500. */
export class ReceiptSettingsError extends Error {}

const checked = new WeakMap<ReceiptSettings, CheckedSettings>();

/**
 * Checks the settings; throws ReceiptSettingsError listing every problem. The answer is kept per
 * settings object, which the composition root builds once (configuration is not changed later).
 */
export function checkSettings(settings: ReceiptSettings): CheckedSettings {
  const known = checked.get(settings);
  if (known) return known;
  const result = settingsSchema.safeParse(settings);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ReceiptSettingsError(`receipt settings are not valid: ${problems.join('; ')}`);
  }
  const { timeZone, company, receipt } = result.data;
  const settingsChecked = { timeZone, company: { ...company }, ...receipt };
  checked.set(settings, settingsChecked);
  return settingsChecked;
}
