import { createHash } from 'node:crypto';
import type { DocumentKind } from './receipt-enums';

/** reference §3.1: `external_id` is at most 128 characters, unique within the ATOL group. */
export const MAX_EXTERNAL_ID_LENGTH = 128;

const KIND_TAGS: Record<DocumentKind, string> = { invoice: 'sell', refund: 'refund' };
const PLAIN_COMPANY_KEY = /^[A-Za-z0-9_-]{1,32}$/;
const GENERATION_LIKE_END = /-r\d+$/;
const HASH_LENGTH = 16;

export interface ExternalIdInput {
  companyKey: string;
  kind: DocumentKind;
  /** The shop's document id. */
  shopId: string;
  /** 1 for the first attempt; 2, 3… for resends after ATOL reported `fail`. */
  generation: number;
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The ATOL `external_id` of one attempt: `<company>.<sell|refund>.<shop id>`, plus `-rN` from
 * generation 2 on (`default.sell.100000123-r2`). The kind is part of it, so a sale and its refund
 * never share one. It is unique for distinct inputs:
 * - the company key ends at the first dot: a key that is not plain (`A-Z a-z 0-9 _ -`, ≤ 32) is
 *   replaced by `k` and a hash of it, so it holds no dot;
 * - a shop id that itself ends like `-r2` always gets its generation suffix, `-r1` included, so
 *   "100-r2", generation 1 and "100", generation 2 stay apart;
 * - past 128 characters the tail is replaced by a hash of the whole id.
 */
export function externalIdFor(input: ExternalIdInput): string {
  const { companyKey, kind, shopId, generation } = input;
  if (!Number.isSafeInteger(generation) || generation < 1) {
    throw new RangeError(`generation must be a whole number ≥ 1, got ${generation}`);
  }
  const company = PLAIN_COMPANY_KEY.test(companyKey)
    ? companyKey
    : `k${digest(companyKey).slice(0, 12)}`;
  const suffix = generation > 1 || GENERATION_LIKE_END.test(shopId) ? `-r${generation}` : '';
  const id = `${company}.${KIND_TAGS[kind]}.${shopId}${suffix}`;
  if (id.length <= MAX_EXTERNAL_ID_LENGTH) return id;
  const keep = MAX_EXTERNAL_ID_LENGTH - HASH_LENGTH - 1;
  return `${id.slice(0, keep)}~${digest(id).slice(0, HASH_LENGTH)}`;
}
