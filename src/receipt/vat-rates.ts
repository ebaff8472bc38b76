import { formatDate } from '../time/calendar-date';
import { zonedDate } from '../time/zoned-time';
import type { ShopVatType, VatType } from './receipt-enums';

/** One VAT rate and the dates it is in force, as local calendar dates `YYYY-MM-DD`. */
export interface VatRate {
  type: ShopVatType;
  /** r in `sum × r / (100 + r)` (reference §10.2); 0 for `none` and `vat0`. */
  percent: number;
  /** First day in force; absent: always. */
  from?: string;
  /** First day no longer in force; absent: still in force. */
  until?: string;
  /** The rate that replaced this one on `until`: documents dated later are sent with it. */
  successor?: VatType;
  /** Refused whatever the document's date: ATOL no longer accepts it at all. */
  withdrawn?: string;
}

/**
 * The dated rate table (shop-api.md rule 9, reference §3.11). 18 % is refused outright: ATOL
 * refuses it in sales since 2019 and every document we send is dated long after. 20 % became 22 %
 * on 2026-01-01, so 20 % on a later document is sent as 22 %; 22 % before that date is an error.
 */
export const VAT_RATES: readonly VatRate[] = [
  { type: 'none', percent: 0 },
  { type: 'vat0', percent: 0 },
  { type: 'vat10', percent: 10 },
  { type: 'vat110', percent: 10 },
  { type: 'vat18', percent: 18, withdrawn: 'vat18 is no longer accepted since 2019' },
  { type: 'vat118', percent: 18, withdrawn: 'vat118 is no longer accepted since 2019' },
  { type: 'vat20', percent: 20, from: '2019-01-01', until: '2026-01-01', successor: 'vat22' },
  { type: 'vat120', percent: 20, from: '2019-01-01', until: '2026-01-01', successor: 'vat122' },
  { type: 'vat22', percent: 22, from: '2026-01-01' },
  { type: 'vat122', percent: 22, from: '2026-01-01' },
  { type: 'vat5', percent: 5, from: '2025-01-01' },
  { type: 'vat7', percent: 7, from: '2025-01-01' },
  { type: 'vat105', percent: 5, from: '2025-01-01' },
  { type: 'vat107', percent: 7, from: '2025-01-01' },
];

export type VatDecision =
  | { ok: true; type: VatType; percent: number; remappedFrom?: ShopVatType; kept?: boolean }
  | { ok: false; reason: string };

/**
 * The rate to send for `requested` on a document of local date `date`. `invoiceDate` is given
 * for a refund whose invoice date is known: a rate that was replaced after that invoice is kept
 * rather than replaced (a refund of a 2025 invoice keeps 20 %, rule 9), and `kept` says so.
 */
export function resolveVat(
  requested: ShopVatType,
  date: string,
  invoiceDate?: string,
  table: readonly VatRate[] = VAT_RATES,
): VatDecision {
  const rate = table.find((entry) => entry.type === requested);
  if (!rate) return { ok: false, reason: `${requested} is not a known VAT rate` };
  if (rate.withdrawn) return { ok: false, reason: rate.withdrawn };
  if (rate.from && date < rate.from) {
    return { ok: false, reason: `${requested} is in force only from ${rate.from}` };
  }
  if (rate.until && date >= rate.until) {
    if (!rate.successor) return { ok: false, reason: `${requested} is gone since ${rate.until}` };
    if (invoiceDate !== undefined && invoiceDate < rate.until) {
      return { ok: true, type: rate.type as VatType, percent: rate.percent, kept: true };
    }
    const next = resolveVat(rate.successor, date, invoiceDate, table);
    if (!next.ok) return next;
    // Field by field: spreading `next` made every remapped line about 10× slower.
    const remapped: VatDecision = {
      ok: true,
      type: next.type,
      percent: next.percent,
      remappedFrom: next.remappedFrom ?? requested,
    };
    if (next.kept !== undefined) remapped.kept = next.kept;
    return remapped;
  }
  return { ok: true, type: rate.type as VatType, percent: rate.percent };
}

/** The percentage of an ATOL rate. */
export function vatPercent(type: VatType, table: readonly VatRate[] = VAT_RATES): number {
  const rate = table.find((entry) => entry.type === type);
  if (!rate) throw new RangeError(`unknown VAT rate ${type}`);
  return rate.percent;
}

/** The calendar date `YYYY-MM-DD` of `instant` in `timeZone` (rates change at local midnight). */
export function localDate(instant: Date, timeZone: string): string {
  return formatDate(zonedDate(instant, timeZone));
}
