import { z } from 'zod';
import { ValidationError, fieldsFromIssues } from '../errors/errors';
import { resolveContacts } from './contacts';
import {
  itemName,
  isoDateTime,
  money,
  oneOf,
  optional,
  optionalMoney,
  plainText,
  quantity,
  requiredError,
} from './field-schemas';
import {
  type DocumentKind,
  PAYMENT_METHODS,
  PAYMENT_OBJECTS,
  SHOP_VAT_VALUES,
} from './receipt-enums';

// The invoice and refund bodies of shop-api.md. Unknown fields are accepted and dropped: shops
// often send more than we need (Magento adds its own keys), and refusing them would break them on
// every platform upgrade. Nothing unknown can reach ATOL, because the ATOL body is built from the
// parsed document only. Money comes out as integer kopecks, quantities as integer thousandths.

const MAX_ITEMS = 100;
const MAX_NAME_INPUT = 1000; // cut to 128 later (rule 7); longer input is refused as hostile
const DOCUMENT_ID = /^[A-Za-z0-9._-]{1,64}$/;

const documentId = z
  .string(requiredError)
  .regex(DOCUMENT_ID, 'must be 1–64 characters of A-Z a-z 0-9 . _ -');

/**
 * The buyer's contacts; refused here, naming the field, when none is usable (rule 8). Checked at
 * this level so that the problem is reported together with any other field's.
 */
const customerSchema = z.preprocess(
  (value) => value ?? {},
  z
    .object({
      email: optional(z.string().max(254, 'at most 254 characters')),
      phone: optional(z.string().max(64, 'at most 64 characters')),
    })
    .superRefine((customer, ctx) => {
      // The preference does not matter here, only whether any contact is usable.
      for (const problem of resolveContacts(customer, 'both').problems) {
        const path = problem.path.split('.').slice(1);
        ctx.addIssue({ code: 'custom', path, message: problem.message });
      }
    }),
);

const itemSchema = z.object({
  sku: optional(plainText(128)),
  name: itemName(MAX_NAME_INPUT),
  price: money(),
  quantity: quantity(),
  discount: optionalMoney(0),
  vat: optional(oneOf(SHOP_VAT_VALUES)),
  paymentMethod: optional(oneOf(PAYMENT_METHODS)),
  paymentObject: optional(oneOf(PAYMENT_OBJECTS)),
  // ATOL allows 16 characters (reference §3.5); a unit is not cut, it would change its meaning.
  measurementUnit: optional(plainText(16)),
});

const shippingSchema = z.object({
  name: optional(itemName(MAX_NAME_INPUT)),
  price: money(),
  discount: optionalMoney(0),
  vat: optional(oneOf(SHOP_VAT_VALUES)),
  paymentMethod: optional(oneOf(PAYMENT_METHODS)),
  paymentObject: optional(oneOf(PAYMENT_OBJECTS)),
  measurementUnit: optional(plainText(16)),
});

const documentFields = {
  id: documentId,
  orderId: optional(plainText(64)),
  createdAt: optional(isoDateTime()),
  customer: customerSchema,
  items: z
    .array(itemSchema, {
      error: (issue) => (issue.input === undefined ? 'is required' : 'must be a list of items'),
    })
    .min(1, 'needs at least one item')
    .max(MAX_ITEMS, `at most ${MAX_ITEMS} items`),
  shipping: optional(shippingSchema),
  prepaid: optionalMoney(0),
  total: money(),
};

/** An invoice body (shop-api.md): a paid invoice, sent to ATOL as `sell`. */
export const invoiceSchema = z.object(documentFields);

/**
 * A refund body (shop-api.md): a credit memo, sent as `sell_refund`. `invoiceDate` is our
 * addition: the date of the invoice refunded, so that a refund of an invoice dated before 2026
 * keeps the invoice's VAT rates (rule 9). When the service holds that invoice, the stored date
 * is passed to the engine instead and wins over the body.
 */
export const refundSchema = z.object({
  ...documentFields,
  invoiceId: optional(documentId),
  invoiceDate: optional(isoDateTime()),
});

export type InvoiceDocument = z.output<typeof invoiceSchema>;
export type RefundDocument = z.output<typeof refundSchema>;
/** A parsed shop document of either kind: money in kopecks, quantities in thousandths. */
export type ShopDocument = InvoiceDocument &
  Partial<Pick<RefundDocument, 'invoiceId' | 'invoiceDate'>>;
export type ShopItem = ShopDocument['items'][number];
export type ShopShipping = NonNullable<ShopDocument['shipping']>;

/** Parses a shop body; throws ValidationError (400) naming every failing field by its path. */
export function parseDocument(kind: DocumentKind, body: unknown): ShopDocument {
  const schema = kind === 'invoice' ? invoiceSchema : refundSchema;
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw new ValidationError(`The ${kind} is not valid`, fieldsFromIssues(result.error.issues));
}
