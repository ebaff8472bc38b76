import type { AtolOperation } from '../atol/atol-types';

/**
 * A VAT rate's validity window for some operations: outside [from, until) the rate is refused
 * with error 32 and `text` (reference §3.11). Dates are `YYYY-MM-DD`, compared with the date of
 * the body's `timestamp` (the document's date in the caller's system).
 */
export interface VatDateRule {
  types: readonly string[];
  operations: readonly AtolOperation[];
  from?: string;
  until?: string;
  text: string;
}

const SALES: readonly AtolOperation[] = ['sell', 'buy'];
const ALL: readonly AtolOperation[] = ['sell', 'sell_refund', 'buy', 'buy_refund'];

/**
 * The rules ATOL enforced in 2019 (18 % gone from sales, confirmed) and their analogy for the
 * 2026 change to 22 % (unconfirmed, reference §3.11 [INF]); refunds keep the old rates. Rates
 * that did not exist yet are refused for every operation.
 */
export const DEFAULT_VAT_DATE_RULES: readonly VatDateRule[] = [
  {
    types: ['vat18', 'vat118'],
    operations: SALES,
    until: '2019-04-01',
    text:
      'Передана некорректная ставка налога. С 01.04.2019 ставки НДС 18 и 18/118 ' +
      'не могут использоваться в чеках sell(приход) и buy(расход)',
  },
  {
    types: ['vat20', 'vat120'],
    operations: SALES,
    until: '2026-01-01',
    text:
      'Передана некорректная ставка налога. С 01.01.2026 ставки НДС 20 и 20/120 ' +
      'не могут использоваться в чеках sell(приход) и buy(расход)',
  },
  {
    types: ['vat22', 'vat122'],
    operations: ALL,
    from: '2026-01-01',
    text: 'Передана некорректная ставка налога. Ставки НДС 22 и 22/122 действуют с 01.01.2026',
  },
  {
    types: ['vat5', 'vat7', 'vat105', 'vat107'],
    operations: ALL,
    from: '2025-01-01',
    text:
      'Передана некорректная ставка налога. Ставки НДС 5, 7, 5/105 и 7/107 ' +
      'действуют с 01.01.2025',
  },
];

/** The first rule that refuses `vatType` in `operation` on `date` (YYYY-MM-DD), if any. */
export function refusingVatRule(
  rules: readonly VatDateRule[],
  operation: AtolOperation,
  vatType: string,
  date: string,
): VatDateRule | undefined {
  return rules.find(
    (rule) =>
      rule.types.includes(vatType) &&
      rule.operations.includes(operation) &&
      ((rule.from !== undefined && date < rule.from) ||
        (rule.until !== undefined && date >= rule.until)),
  );
}
