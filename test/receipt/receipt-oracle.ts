// An independent check of built ATOL v4 bodies against shop-api.md "What the receipt must
// satisfy". It shares no code with src/money or src/receipt on purpose: a bug there must not be
// able to hide itself here. Numbers are read through their decimal text into bigint units.

const RATE_PERCENT: Record<string, bigint> = {
  none: 0n,
  vat0: 0n,
  vat5: 5n,
  vat7: 7n,
  vat10: 10n,
  vat20: 20n,
  vat22: 22n,
  vat105: 5n,
  vat107: 7n,
  vat110: 10n,
  vat120: 20n,
  vat122: 22n,
};
export const MAX_KOPECKS = 4_294_967_295n;

/** Units of 10^-decimals from a JSON number; throws when it has more decimals. */
export function units(value: unknown, decimals: number): bigint {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`not a number`);
  const text = String(value);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new Error(`bad number text ${text}`);
  const fraction = match[2] ?? '';
  if (fraction.length > decimals) throw new Error(`${text} has more than ${decimals} decimals`);
  return BigInt(match[1]! + fraction.padEnd(decimals, '0'));
}

export function halfUp(numerator: bigint, denominator: bigint): bigint {
  return (2n * numerator + denominator) / (2n * denominator);
}

export interface BodyLine {
  name: string;
  price: bigint;
  quantity: bigint;
  sum: bigint;
  vatType: string;
  vatSum: bigint;
}

/** Checks one v4 body; returns the problems found (empty when fine) and its parsed lines. */
export function checkV4Body(body: any): { problems: string[]; lines: BodyLine[] } {
  const problems: string[] = [];
  const receipt = body?.receipt;
  if (!/^\d{2}\.\d{2}\.\d{4} ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/.test(body?.timestamp)) {
    problems.push(`timestamp ${body?.timestamp}`);
  }
  if (typeof body?.external_id !== 'string' || body.external_id.length > 128) {
    problems.push('external_id');
  }
  const items: any[] = receipt?.items ?? [];
  if (items.length < 1 || items.length > 100) problems.push(`${items.length} items`);

  const lines = items.map((item): BodyLine => {
    const line = {
      name: item.name,
      price: units(item.price, 2),
      quantity: units(item.quantity, 3),
      sum: units(item.sum, 2),
      vatType: item.vat.type,
      vatSum: units(item.vat.sum, 2),
    };
    const at = `item "${line.name}" ${item.price}×${item.quantity}=${item.sum}`;
    if (line.sum !== halfUp(line.price * line.quantity, 1000n)) problems.push(`${at}: sum`);
    if (line.sum <= 0n || line.price <= 0n || line.quantity <= 0n) problems.push(`${at}: ≤ 0`);
    if (line.price > MAX_KOPECKS || line.sum > MAX_KOPECKS) problems.push(`${at}: limit`);
    if (line.quantity > 99_999_999n) problems.push(`${at}: quantity limit`);
    const percent = RATE_PERCENT[line.vatType];
    if (percent === undefined) problems.push(`${at}: rate ${line.vatType}`);
    else if (line.vatSum !== halfUp(line.sum * percent, 100n + percent)) {
      problems.push(`${at}: VAT ${item.vat.sum}`);
    }
    if ([...line.name].length > 128 || line.name.length > 128) problems.push(`${at}: name`);
    return line;
  });

  const total = units(receipt.total, 2);
  const linesSum = lines.reduce((sum, line) => sum + line.sum, 0n);
  const payments: any[] = receipt.payments ?? [];
  const paid = payments.reduce((sum, p) => sum + units(p.sum, 2), 0n);
  if (linesSum !== total) problems.push(`Σ lines ${linesSum} ≠ total ${total}`);
  if (paid !== total) problems.push(`Σ payments ${paid} ≠ total ${total}`);
  if (payments.some((p) => units(p.sum, 2) === 0n)) problems.push('zero payment');
  if (!receipt.client?.email && !receipt.client?.phone) problems.push('no contact');
  checkVats(receipt, lines, problems);
  return { problems, lines };
}

function checkVats(receipt: any, lines: BodyLine[], problems: string[]): void {
  if (receipt.vats === undefined) return;
  for (const vat of receipt.vats) {
    const atRate = lines.filter((line) => line.vatType === vat.type);
    const percent = RATE_PERCENT[vat.type] ?? 0n;
    const sums = atRate.reduce((sum, line) => sum + line.sum, 0n);
    const lineVats = atRate.reduce((sum, line) => sum + line.vatSum, 0n);
    const whole = halfUp(sums * percent, 100n + percent);
    const sent = units(vat.sum, 2);
    const near = (a: bigint, b: bigint) => (a > b ? a - b : b - a) <= BigInt(atRate.length);
    if (!near(sent, whole) && !near(sent, lineVats)) problems.push(`vats ${vat.type}`);
  }
  const rates = new Set(lines.map((line) => line.vatType));
  if (receipt.vats.length !== rates.size) problems.push('vats do not cover the rates');
}
