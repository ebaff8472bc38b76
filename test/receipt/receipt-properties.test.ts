import fc from 'fast-check';
import { AppError } from '../../src/errors/errors';
import {
  type GeneratedDocument,
  type Limits,
  WIDE,
  documentArb,
  expectedRate,
  moscowDay,
} from './document-arbitraries';
import { type BodyLine, checkV4Body } from './receipt-oracle';
import { testPreviewService } from './receipt-fixtures';

// Property tests over generated documents: every document is either built
// into a v4 body that keeps every rule of shop-api.md, checked by an independent oracle, or
// refused with 400/422 naming its fields. A second property shows that documents valid by
// construction are never refused, so refusing cannot pass for correctness.

const preview = testPreviewService();
const ITEM_FIELD = '(name|price|quantity|discount|vat)';
const FIELD_PATH = new RegExp(
  '^(id|total|prepaid|createdAt|invoiceDate|customer(\\.(email|phone))?' +
    `|items(\\.\\d+(\\.${ITEM_FIELD})?)?|shipping(\\.${ITEM_FIELD})?)$`,
);

/** The rate a row of `doc` must go out with, or undefined when the document must be refused. */
function rateFor(doc: GeneratedDocument, requested: string | undefined): string | undefined {
  const invoiceDay = doc.invoiceDate === undefined ? undefined : moscowDay(doc.invoiceDate);
  return expectedRate(requested ?? 'vat20', moscowDay(doc.createdAt), invoiceDay);
}

type Outcome = { built: true; request: any } | { built: false; status: number; paths: string[] };

function run(doc: GeneratedDocument): Outcome {
  try {
    return { built: true, request: preview.preview(doc.kind, doc.body).request };
  } catch (error) {
    if (!(error instanceof AppError) || ![400, 422].includes(error.status)) throw error;
    const fields = (error.details?.fields ?? []) as Array<{ path: string }>;
    return { built: false, status: error.status, paths: fields.map((field) => field.path) };
  }
}

function linesByRow(lines: BodyLine[]): Map<string, BodyLine[]> {
  const byRow = new Map<string, BodyLine[]>();
  for (const line of lines) {
    const tag = line.name.split(' ')[0] ?? '';
    byRow.set(tag, [...(byRow.get(tag) ?? []), line]);
  }
  return byRow;
}

/** The row checks: each row's lines add up to its share, split lines look as rule 6 says. */
function rowProblems(doc: GeneratedDocument, lines: BodyLine[]): string[] {
  const problems: string[] = [];
  const byRow = linesByRow(lines);
  const rows = [...doc.items, ...(doc.shipping ? [doc.shipping] : [])];
  const rowsSum = rows.reduce((sum, row) => sum + row.amount, 0);
  const itemsSum = rowsSum - (doc.shipping?.amount ?? 0);
  const shippingKeeps = itemsSum > 0 && doc.total >= (doc.shipping?.amount ?? 0);
  const maxStep = Math.max(...rows.map((row) => Math.max(1, Math.round(row.quantity / 1000))));

  for (const row of rows) {
    const own = byRow.get(row.tag) ?? [];
    const share = Number(own.reduce((sum, line) => sum + line.sum, 0n));
    if (own.some((line) => line.vatType !== rateFor(doc, row.vat))) {
      problems.push(`${row.tag}: rate ${own[0]?.vatType} for ${row.vat}`);
    }
    if (own.length > 2) problems.push(`${row.tag}: ${own.length} lines`);
    const quantity = own.reduce((sum, line) => sum + line.quantity, 0n);
    if (own.length > 0 && quantity !== BigInt(row.quantity)) problems.push(`${row.tag}: quantity`);
    if (own.length === 2 && row.quantity % 1000 === 0) {
      const [a, b] = own;
      if (a!.price - b!.price !== 1n)
        problems.push(`${row.tag}: split prices ${a!.price}/${b!.price}`);
    }

    if (rowsSum === doc.total) {
      if (share !== row.amount) problems.push(`${row.tag}: share ${share} ≠ amount ${row.amount}`);
      continue;
    }
    if (row.tag === 'S' && shippingKeeps) {
      // Shipping moves only when the items cannot carry the difference within 100 lines.
      const moved = share !== row.amount;
      if (moved && (lines.length < 99 || Math.abs(share - row.amount) > 1 + 3 * maxStep)) {
        problems.push(`S: share ${share} ≠ amount ${row.amount}`);
      }
      continue;
    }
    const carriersSum = shippingKeeps ? itemsSum : rowsSum;
    const target = shippingKeeps ? doc.total - (doc.shipping?.amount ?? 0) : doc.total;
    const ideal = (target * row.amount) / carriersSum;
    const step = Math.max(1, Math.round(row.quantity / 1000));
    if (Math.abs(share - ideal) > 1 + 3 * step + 3 * maxStep) {
      problems.push(`${row.tag}: share ${share}, proportional ${ideal.toFixed(2)}`);
    }
  }
  return problems;
}

/** Whether the generated facts alone say the document must be refused. */
function mustRefuse(doc: GeneratedDocument): boolean {
  const rows = [...doc.items, ...(doc.shipping ? [doc.shipping] : [])];
  return (
    doc.total === 0 ||
    doc.prepaid > doc.total ||
    rows.some((row) => row.amount < 0 || rateFor(doc, row.vat) === undefined)
  );
}

function checkDocument(doc: GeneratedDocument): void {
  const outcome = run(doc);
  if (!outcome.built) {
    expect(outcome.paths.length).toBeGreaterThan(0);
    for (const path of outcome.paths) expect(path).toMatch(FIELD_PATH);
    return;
  }
  expect(mustRefuse(doc)).toBe(false);
  const { problems, lines } = checkV4Body(outcome.request);
  problems.push(...rowProblems(doc, lines));
  const payments = outcome.request.receipt.payments;
  const expected = [
    { type: 1, kopecks: doc.total - doc.prepaid },
    { type: 2, kopecks: doc.prepaid },
  ].filter((payment) => payment.kopecks > 0);
  expect(payments.map((p: any) => [p.type, Math.round(p.sum * 100)])).toEqual(
    expected.map((p) => [p.type, p.kopecks]),
  );
  expect(problems).toEqual([]);
}

/** Documents a correct engine must always build: sane limits, valid rates, room to spread. */
const SANE: Limits = {
  maxItems: 49,
  maxPrice: 10_000_000,
  maxWholeUnits: 1000,
  maxFractionalUnits: 1000,
  rates: ['none', 'vat0', 'vat10', 'vat110'],
  defaultVat: false,
  oversizedDiscounts: false,
};

function roomToSpread(doc: GeneratedDocument): boolean {
  const rows = [...doc.items, ...(doc.shipping ? [doc.shipping] : [])];
  const rowsSum = rows.reduce((sum, row) => sum + row.amount, 0);
  const roomy = rows.every((row) => row.amount >= 4 * (Math.ceil(row.quantity / 1000) + 1));
  return (
    roomy &&
    doc.total > 0 &&
    doc.total <= 4_294_967_295 &&
    doc.prepaid <= doc.total &&
    doc.total * 2 >= rowsSum &&
    doc.total <= rowsSum * 2
  );
}

function usableContact(customer: Record<string, string>): boolean {
  return customer.email === 'buyer@example.org' || customer.phone !== undefined;
}

describe('receipt properties', () => {
  it('when 10,000 documents are previewed, then each keeps the rules or is refused by path', () => {
    fc.assert(fc.property(documentArb(WIDE), checkDocument), { numRuns: 10_000 });
  });

  it('when a document is valid by construction, then it is never refused', () => {
    const valid = documentArb(SANE).filter(
      (doc) => roomToSpread(doc) && usableContact(doc.body.customer as Record<string, string>),
    );
    fc.assert(
      fc.property(valid, (doc) => {
        const outcome = run(doc);
        if (!outcome.built) throw new Error(`refused: ${JSON.stringify(outcome)}`);
        checkDocument(doc);
      }),
      { numRuns: 2_000 },
    );
  });

  it('when a built body is broken by a kopeck anywhere, then the oracle finds it', () => {
    const { request } = preview.preview('invoice', {
      id: 'ORACLE-1',
      createdAt: '2026-02-01T10:00:00+03:00',
      customer: { email: 'buyer@example.org' },
      items: [{ name: 'Гречка', price: 21.99, quantity: 47.8, discount: 0.12, vat: 'vat10' }],
      shipping: { price: 300, vat: 'vat20' },
      total: 1300,
    }) as { request: any };
    const breakages: Array<(body: any) => void> = [
      (body) => (body.receipt.items[0].sum = Math.round(body.receipt.items[0].sum * 100 + 1) / 100),
      (body) => (body.receipt.items[0].vat.sum += 0.01),
      (body) => (body.receipt.total += 0.01),
      (body) => (body.receipt.payments[0].sum += 0.01),
      (body) => (body.receipt.items[0].price = 1.005),
      (body) => (body.timestamp = '2026-03-14T12:40:05'),
    ];

    expect(checkV4Body(request).problems).toEqual([]);
    for (const breakIt of breakages) {
      const body = structuredClone(request);
      breakIt(body);
      let found: string[];
      try {
        found = checkV4Body(body).problems;
      } catch (error) {
        found = [String(error)];
      }
      expect(found).not.toEqual([]);
    }
  });
});
