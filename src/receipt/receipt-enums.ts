import {
  PAYMENT_METHODS,
  PAYMENT_OBJECTS,
  SNO_VALUES,
  VAT_VALUES,
  type Sno,
  type VatType,
} from '../config/config-types';

export { PAYMENT_METHODS, PAYMENT_OBJECTS, SNO_VALUES, VAT_VALUES };
export type { Sno, VatType };

/**
 * Rates a shop may name in a document: every rate ATOL knows (reference §3.11), including the
 * withdrawn 18 % rates, so that the dated rate table can refuse those with a clear reason
 * (shop-api.md rule 9) instead of a bare "not one of".
 */
export const SHOP_VAT_VALUES = [...VAT_VALUES, 'vat18', 'vat118'] as const;
export type ShopVatType = (typeof SHOP_VAT_VALUES)[number];

export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export type PaymentObject = (typeof PAYMENT_OBJECTS)[number];

/** The two kinds of document a shop sends (shop-api.md). */
export const DOCUMENT_KINDS = ['invoice', 'refund'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** ATOL operations kkm uses (reference §2). */
export type ReceiptOperation = 'sell' | 'sell_refund';

/** Payment kinds kkm sends (reference §3.11): 1 cashless, 2 offset of an earlier advance. */
export type PaymentType = 1 | 2;

/** Narrows a string to one of `values`. */
export function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}
