import type { AtolErrorType } from '../atol/atol-types';
import type { EmulatorAccount } from './emulator-types';
import type { V4CorrectionBody, V4ReceiptBody } from './receipt-schema-v4';

/** What the register makes of a valid body (reference §12.3). */
export type ProcessingResult =
  | { ok: true; totalKopecks: number }
  | { ok: false; type: AtolErrorType; code: number; text: string; fields: string[] };

/** Register texts of the failures the emulator produces (reference §7.2). */
const FAILURE_TEXTS: Record<string, string> = {
  'agent 2003': 'ИНН в чеке не совпадает с ИНН организации',
  'agent 2009': 'Реквизиты организации в запросе отличаются от реквизитов ККТ',
  'driver 16': 'Неверная цена (сумма)',
  'driver 52': 'Сумма безналичных оплат превышает сумму чека',
  'driver 63': 'Переполнение итога чека',
  'driver 66': 'Чек оплачен не полностью',
  'driver 128': 'Некорректная сумма налога',
  'driver 143': 'Некорректная СНО',
  'timeout 1': 'Превышено время ожидания чека в очереди',
};

/** The register's text for a failure, or a generic one for codes the emulator does not know. */
export function failureText(type: AtolErrorType, code: number): string {
  return FAILURE_TEXTS[`${type} ${code}`] ?? `Ошибка ККТ (${type} ${code})`;
}

const RATES: Record<string, number> = {
  none: 0,
  vat0: 0,
  vat5: 5,
  vat105: 5,
  vat7: 7,
  vat107: 7,
  vat10: 10,
  vat110: 10,
  vat18: 18,
  vat118: 18,
  vat20: 20,
  vat120: 20,
  vat22: 22,
  vat122: 22,
};

function fail(type: AtolErrorType, code: number, fields: string[]): ProcessingResult {
  return { ok: false, type, code, text: failureText(type, code), fields };
}

export const kopecks = (roubles: number): number => Math.round(roubles * 100);

/** VAT inside a sum: sum × r / (100 + r), rounded half up to kopecks (reference §10.2). */
export function vatOf(sumKopecks: number, rate: number): number {
  return Math.floor((2 * sumKopecks * rate + 100 + rate) / (2 * (100 + rate)));
}

type Company = V4ReceiptBody['receipt']['company'];

function companyFailure(
  company: Company,
  account: EmulatorAccount,
  root: string,
): ProcessingResult | undefined {
  if (company.inn !== account.inn) return fail('agent', 2003, [`${root}.company.inn`]);
  if (company.payment_address !== account.paymentAddress) {
    return fail('agent', 2009, [`${root}.company.payment_address`]);
  }
  if (company.sno && account.snos && !account.snos.includes(company.sno)) {
    return fail('driver', 143, [`${root}.company.sno`]);
  }
  return undefined;
}

/** |sum − price × quantity| may be at most one kopeck (reference §10.1); in BigInt, as the
 * product of the two limits exceeds 2^53. */
function lineSumFailure(receipt: V4ReceiptBody['receipt']): ProcessingResult | undefined {
  const bad = receipt.items.findIndex((item) => {
    const product = BigInt(kopecks(item.price)) * BigInt(Math.round(item.quantity * 1000));
    const difference = product - BigInt(kopecks(item.sum)) * 1000n;
    return difference > 1000n || difference < -1000n;
  });
  return bad < 0 ? undefined : fail('driver', 16, [`receipt.items[${bad}].sum`]);
}

/** Totals and payments (reference §10.4, v4 tolerance for `total`). */
function totalsFailure(
  receipt: V4ReceiptBody['receipt'],
  lines: number,
): ProcessingResult | undefined {
  if (Math.abs(kopecks(receipt.total) - lines) >= 100) return fail('driver', 63, ['receipt.total']);
  const paid = receipt.payments.reduce((sum, payment) => sum + kopecks(payment.sum), 0);
  if (paid < lines) return fail('driver', 66, ['receipt.payments']);
  const cashless = receipt.payments
    .filter((payment) => payment.type !== 0)
    .reduce((sum, payment) => sum + kopecks(payment.sum), 0);
  if (cashless > lines) return fail('driver', 52, ['receipt.payments']);
  return undefined;
}

/**
 * VAT amounts (reference §10.3): with `vats[]` only those count, each within one kopeck per
 * line of either Σ(line VAT) or VAT(Σ line sums); without it, each line's own `vat.sum`.
 */
function vatFailure(receipt: V4ReceiptBody['receipt']): ProcessingResult | undefined {
  if (!receipt.vats) {
    const bad = receipt.items.findIndex(
      (item) =>
        item.vat.sum !== undefined &&
        Math.abs(kopecks(item.vat.sum) - vatOf(kopecks(item.sum), RATES[item.vat.type] ?? 0)) > 1,
    );
    return bad < 0 ? undefined : fail('driver', 128, [`receipt.items[${bad}].vat.sum`]);
  }
  const bad = receipt.vats.findIndex((vat) => {
    const rate = RATES[vat.type] ?? 0;
    const lines = receipt.items.filter((item) => item.vat.type === vat.type);
    const sums = lines.map((item) => kopecks(item.sum));
    const byLine = sums.reduce((total, sum) => total + vatOf(sum, rate), 0);
    const byTotal = vatOf(
      sums.reduce((total, sum) => total + sum, 0),
      rate,
    );
    const tolerance = Math.max(1, lines.length);
    const declared = kopecks(vat.sum);
    return Math.abs(declared - byLine) > tolerance && Math.abs(declared - byTotal) > tolerance;
  });
  return bad < 0 ? undefined : fail('driver', 128, [`receipt.vats[${bad}].sum`]);
}

/** Applies the register's business rules to a validated sale/purchase or refund body. */
export function processReceipt(
  body: V4ReceiptBody,
  account: EmulatorAccount,
  checkCompany: boolean,
): ProcessingResult {
  const { receipt } = body;
  const company = checkCompany ? companyFailure(receipt.company, account, 'receipt') : undefined;
  if (company) return company;
  const lines = receipt.items.reduce((sum, item) => sum + kopecks(item.sum), 0);
  return (
    lineSumFailure(receipt) ??
    totalsFailure(receipt, lines) ??
    vatFailure(receipt) ?? { ok: true, totalKopecks: lines }
  );
}

/** A v4 correction has no items: its total is Σ payments and its VAT is declared freely. */
export function processCorrection(
  body: V4CorrectionBody,
  account: EmulatorAccount,
  checkCompany: boolean,
): ProcessingResult {
  const { correction } = body;
  const company = checkCompany
    ? companyFailure(correction.company, account, 'correction')
    : undefined;
  if (company) return company;
  const paid = correction.payments.reduce((sum, payment) => sum + kopecks(payment.sum), 0);
  return { ok: true, totalKopecks: paid };
}
