import { serviceErrorText } from '../atol/atol-error-table';
import type { AtolOperation } from '../atol/atol-types';
import type { EmulatorLimits } from './emulator-types';
import { createV4Schemas, V4CorrectionBody, V4ReceiptBody } from './receipt-schema-v4';
import { formatProblems, problemsOf, SchemaProblem } from './schema-problems';
import { refusingVatRule, VatDateRule } from './vat-date-rules';

export type RegisterValidation =
  | { ok: true; body: V4ReceiptBody; correction?: undefined }
  | { ok: true; body?: undefined; correction: V4CorrectionBody }
  | { ok: false; text: string; problems: SchemaProblem[] };

export interface RegisterValidatorOptions {
  limits: EmulatorLimits;
  legacyComposite: boolean;
  vatDateRules: readonly VatDateRule[];
}

export type RegisterValidator = (operation: AtolOperation, body: unknown) => RegisterValidation;

const CORRECTIONS: readonly AtolOperation[] = ['sell_correction', 'buy_correction'];

/** Validates a v4 register body (reference §3, §4): the checks that answer error 32. */
export function createRegisterValidator(options: RegisterValidatorOptions): RegisterValidator {
  const schemas = createV4Schemas(options.limits, options.legacyComposite);

  return (operation, body) => {
    if (CORRECTIONS.includes(operation)) {
      const parsed = schemas.correctionBody.safeParse(body);
      if (parsed.success) return { ok: true, correction: parsed.data };
      return refused(problemsOf(parsed.error, body));
    }

    const parsed = schemas.receiptBody.safeParse(body);
    if (!parsed.success) return refused(problemsOf(parsed.error, body));
    const rate = vatRateProblems(options.vatDateRules, operation, parsed.data);
    if (rate)
      return {
        ok: false,
        text: `${rate.rule.text}. ${fieldList(rate.problems)}`,
        problems: rate.problems,
      };
    return { ok: true, body: parsed.data };
  };
}

function refused(problems: SchemaProblem[]): RegisterValidation {
  return { ok: false, text: serviceErrorText(32, '', formatProblems(problems)), problems };
}

function fieldList(problems: SchemaProblem[]): string {
  return `Ошибочные поля : ${formatProblems(problems)}`;
}

/** Rates used outside their dates (reference §3.11): the first refusing rule names them all. */
function vatRateProblems(
  rules: readonly VatDateRule[],
  operation: AtolOperation,
  body: V4ReceiptBody,
): { rule: VatDateRule; problems: SchemaProblem[] } | undefined {
  const date = isoDate(body.timestamp);
  const rates = [
    ...body.receipt.items.map((item, index) => ({
      type: item.vat.type,
      path: `receipt.items[${index}].vat.type`,
    })),
    ...(body.receipt.vats ?? []).map((vat, index) => ({
      type: vat.type,
      path: `receipt.vats[${index}].type`,
    })),
  ];
  let first: VatDateRule | undefined;
  const problems: SchemaProblem[] = [];
  for (const rate of rates) {
    const rule = refusingVatRule(rules, operation, rate.type, date);
    if (!rule) continue;
    first ??= rule;
    problems.push({ kind: 'NotInEnumeration', path: rate.path });
  }
  return first ? { rule: first, problems } : undefined;
}

/** `dd.mm.yyyy HH:MM:SS` → `yyyy-mm-dd`. */
export function isoDate(timestamp: string): string {
  return `${timestamp.slice(6, 10)}-${timestamp.slice(3, 5)}-${timestamp.slice(0, 2)}`;
}
