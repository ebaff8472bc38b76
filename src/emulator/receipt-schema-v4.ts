import { z } from 'zod';
import { PAYMENT_METHODS, PAYMENT_OBJECTS, SNO_VALUES } from '../config/config-types';
import type { EmulatorLimits } from './emulator-types';

// The v4 request schema (reference §3, §4, doc 5.15 with the later rates of 5.17–5.22).
// v4 has no `additionalProperties: false`, so unknown fields pass (reference §3.10).

/** Every VAT type the v4 schema knows; the date rules decide which may be used when. */
export const V4_VAT_TYPES = [
  'none',
  'vat0',
  'vat10',
  'vat110',
  'vat18',
  'vat118',
  'vat20',
  'vat120',
  'vat5',
  'vat7',
  'vat105',
  'vat107',
  'vat22',
  'vat122',
] as const;

const AGENT_TYPES = [
  'bank_paying_agent',
  'bank_paying_subagent',
  'paying_agent',
  'paying_subagent',
  'attorney',
  'commission_agent',
  'another',
] as const;

/** `dd.mm.yyyy HH:MM:SS` with HH 00–23 (reference §3.1, the v5 pattern). */
export const TIMESTAMP_PATTERN =
  /^(0[1-9]|[12]\d|3[01])\.(0[1-9]|1[0-2])\.(19|20)\d\d\s((2[0-3])|([0-1]\d)):([0-5]\d):([0-5]\d)$/;
const DATE_PATTERN = /^(0[1-9]|[12]\d|3[01])\.(0[1-9]|1[0-2])\.(19|20)\d\d$/;
const INN_PATTERN = /(^[0-9]{10}$)|(^[0-9]{12}$)/;
const AGENT_PHONE_PATTERN = /^([^\s\\]{0,17}|\+[^\s\\]{1,18})$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;
const CLIENT_PHONE_PATTERN = /^\+?[0-9]+$/;
// Reference §3.13 with its duplicate named groups dropped (JavaScript refuses them). The two
// character classes differ only by a space, as in ATOL's schema.
const GS1_WIDE = `[a-zA-Z0-9!" % &'()*+\\/\\-.,:;=<>?_]`;
const GS1_NARROW = `[a-zA-Z0-9!" %&'()*+\\/\\-.,:;=<>?_]`;
const NOMENCLATURE_PATTERN = new RegExp(
  '^([a-fA-F0-9]{2}$)|(^([a-fA-F0-9]{2}\\s){1,31}[a-fA-F0-9]{2}' +
    `|01\\d{14}21${GS1_WIDE}{13}(${GS1_WIDE}{1,119})?` +
    `|\\d{14}${GS1_NARROW}{11}${GS1_NARROW}{4})$`,
);

/**
 * A JSON number that is a whole number of `1/10^decimals`. Checked on the scaled value, because
 * a float modulo wrongly rejects values such as 1.15 (reference §3.12).
 */
function hasDecimals(value: number, decimals: number): boolean {
  const scaled = value * 10 ** decimals;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

const notMultipleOf = { params: { kind: 'NumberNotMultipleOf' } };

function money(max: number) {
  return z
    .number()
    .min(0)
    .max(max)
    .refine((value) => hasDecimals(value, 2), notMultipleOf);
}

const text = (max: number, min = 0) => z.string().min(min).max(max);
const phones = z.array(z.string().regex(AGENT_PHONE_PATTERN));

const agentInfo = z.object({
  type: z.enum(AGENT_TYPES),
  paying_agent: z.object({ operation: text(24).optional(), phones: phones.optional() }).optional(),
  receive_payments_operator: z.object({ phones: phones.optional() }).optional(),
  money_transfer_operator: z
    .object({
      phones: phones.optional(),
      name: text(64).optional(),
      address: text(256).optional(),
      inn: z.string().regex(INN_PATTERN).optional(),
    })
    .optional(),
});

const supplierInfo = (innRequired: boolean) =>
  z.object({
    phones: phones.optional(),
    name: text(256).optional(),
    inn: innRequired ? z.string().regex(INN_PATTERN) : z.string().regex(INN_PATTERN).optional(),
  });

/** "supplier_info is required if agent_info is present" (reference §3.4, §3.7). */
function requireSupplierWithAgent(
  value: { agent_info?: unknown; supplier_info?: unknown },
  ctx: z.RefinementCtx,
): void {
  if (value.agent_info !== undefined && value.supplier_info === undefined) {
    ctx.addIssue({ code: 'custom', path: ['supplier_info'], params: { kind: 'PropertyRequired' } });
  }
}

const company = {
  sno: z.enum(SNO_VALUES).optional(),
  inn: z.string().max(12).regex(INN_PATTERN),
  payment_address: text(256, 1),
  location: text(256, 1).optional(),
};

/** Builds the v4 body schemas for the given limits. */
export function createV4Schemas(limits: EmulatorLimits, legacyComposite: boolean) {
  const paymentObjects = legacyComposite ? [...PAYMENT_OBJECTS, 'composite'] : PAYMENT_OBJECTS;
  const vat = z.object({ type: z.enum(V4_VAT_TYPES), sum: money(limits.maxMoney).optional() });
  const vats = z.array(z.object({ type: z.enum(V4_VAT_TYPES), sum: money(limits.maxMoney) }));
  const payments = z
    .array(z.object({ type: z.number().int().min(0).max(9), sum: money(limits.maxMoney) }))
    .min(1)
    .max(10);

  const item = z
    .object({
      name: text(128),
      price: money(limits.maxMoney),
      quantity: z
        .number()
        .gt(0)
        .max(limits.maxQuantity)
        .refine((value) => hasDecimals(value, 3), notMultipleOf),
      sum: money(limits.maxMoney),
      measurement_unit: text(16).optional(),
      nomenclature_code: text(150).regex(NOMENCLATURE_PATTERN).optional(),
      payment_method: z.enum(PAYMENT_METHODS).optional(),
      payment_object: z.enum(paymentObjects as [string, ...string[]]).optional(),
      vat,
      agent_info: agentInfo.optional(),
      supplier_info: supplierInfo(true).optional(),
      user_data: text(64).optional(),
      excise: money(limits.maxMoney).optional(),
      country_code: z
        .string()
        .regex(/^[0-9]{1,3}$/)
        .optional(),
      declaration_number: text(32, 1).optional(),
    })
    .superRefine(requireSupplierWithAgent);

  const client = z
    .object({
      email: text(64).regex(EMAIL_PATTERN).optional(),
      phone: text(64).regex(CLIENT_PHONE_PATTERN).optional(),
      name: text(256).optional(),
      inn: z.string().regex(INN_PATTERN).optional(),
    })
    .refine((value) => Boolean(value.email || value.phone), {
      params: { kind: 'PropertyRequired' },
    });

  const receipt = z
    .object({
      client,
      company: z.object({ ...company, email: text(64).regex(EMAIL_PATTERN).optional() }),
      agent_info: agentInfo.optional(),
      supplier_info: supplierInfo(false).optional(),
      items: z.array(item).min(1).max(100),
      payments,
      vats: vats.min(1).max(6).optional(),
      total: money(limits.maxTotal),
      additional_check_props: text(16).optional(),
      cashier: text(64).optional(),
      additional_user_props: z.object({ name: text(64), value: text(256) }).optional(),
      device_number: text(20, 1).optional(),
      internet: z.boolean().optional(),
      cashless_payments: z
        .array(
          z.object({
            sum: money(limits.maxMoney),
            method: z.number().int().min(0).max(255),
            id: text(256, 1),
            additional_info: text(256, 1).optional(),
          }),
        )
        .optional(),
    })
    .superRefine(requireSupplierWithAgent);

  const correction = z
    .object({
      company: z.object(company),
      correction_info: z.object({
        type: z.enum(['self', 'instruction']),
        base_date: z.string().regex(DATE_PATTERN),
        base_number: text(32, 1),
      }),
      payments,
      vats: vats.min(1).max(6),
      cashier: text(64).optional(),
      device_number: text(20, 1).optional(),
      internet: z.boolean().optional(),
      client: z
        .object({
          email: text(64)
            .regex(/^.+@.+$/)
            .optional(),
          phone: text(19)
            .regex(/^\+\d+$/)
            .optional(),
        })
        .optional(),
    })
    .refine((value) => !value.internet || Boolean(value.client?.email || value.client?.phone), {
      path: ['client'],
      params: { kind: 'PropertyRequired' },
    });

  const envelope = {
    timestamp: z.string().regex(TIMESTAMP_PATTERN),
    external_id: text(128, 1),
    source_id: z.number().int().min(0).max(9).optional(),
    service: z.object({ callback_url: text(256).optional() }).optional(),
  };

  return {
    receiptBody: z.object({ ...envelope, receipt }),
    correctionBody: z.object({ ...envelope, correction }),
  };
}

export type V4Schemas = ReturnType<typeof createV4Schemas>;
export type V4ReceiptBody = z.infer<V4Schemas['receiptBody']>;
export type V4CorrectionBody = z.infer<V4Schemas['correctionBody']>;
