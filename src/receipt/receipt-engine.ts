import { type FieldProblem, UnprocessableError } from '../errors/errors';
import { MAX_ATOL_KOPECKS, formatKopecks, vatInside } from '../money/kopecks';
import { resolveContacts } from './contacts';
import { type DocumentRow, documentRows } from './document-rows';
import { type PricedLine, splitShare } from './line-splitting';
import { MAX_NAME_LENGTH, cutName } from './names';
import type { DocumentKind, ReceiptOperation } from './receipt-enums';
import { assertReceipt } from './receipt-invariants';
import type { ShopDocument } from './receipt-schemas';
import { type ReceiptSettings, checkSettings } from './receipt-settings';
import type {
  BuildContext,
  BuildReceiptResult,
  ReceiptLine,
  ReceiptNote,
  ReceiptPayment,
} from './receipt-types';
import { spreadTotal } from './spreading';
import { localDate } from './vat-rates';

/** ATOL v4 accepts 1..100 items (reference §3.5). */
export const MAX_RECEIPT_LINES = 100;

/** The ATOL operation of a document kind (shop-api.md). */
export function operationFor(kind: DocumentKind): ReceiptOperation {
  return kind === 'invoice' ? 'sell' : 'sell_refund';
}

/**
 * Builds the receipt for a parsed document: rows → the difference to `total` spread → lines
 * (split where one price cannot carry a share) → VAT per line from the dated table → payments.
 * Pure: the only clock is `context.now` (default: the current time), used when the document
 * has no `createdAt`.
 * Throws UnprocessableError (422) naming the fields when no receipt within ATOL's rules exists,
 * and ReceiptInvariantError if the result would break a rule (a bug: never sent).
 */
export function buildReceipt(
  doc: ShopDocument,
  kind: DocumentKind,
  settings: ReceiptSettings,
  context: BuildContext = {},
): BuildReceiptResult {
  const checked = checkSettings(settings);
  const documentDate = doc.createdAt ?? context.now ?? new Date();
  const invoiceDate = kind === 'refund' ? (context.invoiceDate ?? doc.invoiceDate) : undefined;
  const vatDate = localDate(documentDate, checked.timeZone);
  const invoiceDay = invoiceDate ? localDate(invoiceDate, checked.timeZone) : undefined;
  const notes: ReceiptNote[] = [];

  const contacts = resolveContacts(doc.customer, checked.contactPreference);
  const dates = { document: vatDate, ...(invoiceDay ? { invoice: invoiceDay } : {}) };
  const { rows, problems } = documentRows(doc, checked, dates);
  problems.push(...contacts.problems, ...totalProblems(doc));
  refuseIf(problems);

  const { lines, shares, spread } = receiptLines(rows, doc.total, notes);

  const receipt = {
    kind,
    operation: operationFor(kind),
    documentDate: documentDate.toISOString(),
    vatDate,
    client: contacts.client,
    company: checked.company,
    lines,
    payments: payments(doc.total, doc.prepaid),
    totalKopecks: doc.total,
  };
  assertReceipt(receipt, { prepaidKopecks: doc.prepaid, shares: sharesByPath(rows, shares) });

  notes.unshift(...contactNotes(contacts.dropped), ...rateNotes(rows, vatDate, invoiceDay));
  if (spread) notes.push(spreadNote(rows, shares, doc.total));
  return { receipt, notes };
}

/**
 * The lines for all rows. When they come to more than ATOL's 100, the spreading is tried again
 * with shipping taking the kopecks the items cannot carry at one price (rule 5, "unless nothing
 * else can"); if that is still too many, the document is refused with the reason.
 */
function receiptLines(rows: DocumentRow[], total: number, notes: ReceiptNote[]) {
  let attempt = linesOnce(rows, total, false);
  if (attempt.lines.length > MAX_RECEIPT_LINES && attempt.spread && rows.some((r) => r.shipping)) {
    attempt = linesOnce(rows, total, true);
  }
  if (attempt.lines.length > MAX_RECEIPT_LINES) {
    const count = attempt.lines.length;
    const message = `needs ${count} receipt lines to add up; ATOL allows ${MAX_RECEIPT_LINES}`;
    refuseIf([{ path: 'items', message }]);
  }
  notes.push(...attempt.notes);
  return attempt;
}

function linesOnce(rows: DocumentRow[], total: number, shippingTakesLeftover: boolean) {
  const spread = spreadTotal(rows, total, { shippingTakesLeftover });
  if (!spread.ok) {
    const path = spread.row === undefined ? 'total' : (rows[spread.row]?.path ?? 'total');
    refuseIf([{ path, message: spread.reason }]);
  }
  const shares = spread.ok ? spread.shares : [];
  const notes: ReceiptNote[] = [];
  const lines = rows.flatMap((row, index) => rowLines(row, shares[index] ?? 0, notes));
  return { lines, shares, spread: spread.ok && spread.spread, notes };
}

function refuseIf(problems: FieldProblem[]): void {
  if (problems.length === 0) return;
  throw new UnprocessableError('The document cannot be made into a valid receipt', problems);
}

function totalProblems(doc: ShopDocument): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (doc.total === 0) problems.push({ path: 'total', message: 'is zero: nothing to fiscalize' });
  if (doc.total > MAX_ATOL_KOPECKS) {
    problems.push({ path: 'total', message: `is over ATOL's limit of 42 949 672.95` });
  }
  if (doc.prepaid > doc.total) problems.push({ path: 'prepaid', message: 'is larger than total' });
  return problems;
}

/** The lines of one row's share: none for zero, one, or two when split (rule 6). */
function rowLines(row: DocumentRow, share: number, notes: ReceiptNote[]): ReceiptLine[] {
  if (share === 0) return [];
  const priced = splitShare(share, row.quantity);
  if (!priced) {
    const amount = formatKopecks(share);
    refuseIf([{ path: row.path, message: `${amount} cannot be written as price × quantity` }]);
    return [];
  }
  const overLimit = priced.some(
    (line) => line.priceKopecks > MAX_ATOL_KOPECKS || line.sumKopecks > MAX_ATOL_KOPECKS,
  );
  if (overLimit) refuseIf([{ path: row.path, message: `is over ATOL's limit of 42 949 672.95` }]);

  const name = cutName(row.name, MAX_NAME_LENGTH);
  if (name !== row.name)
    notes.push(note('name_cut', `${row.path}: name cut to 128 characters`, { path: row.path }));
  if (priced.length > 1) {
    const data = { path: row.path, shareKopecks: share, lines: priced.length };
    notes.push(note('line_split', `${row.path}: ${formatKopecks(share)} sent as two lines`, data));
  }
  return priced.map((line) => receiptLine(row, name, line));
}

function receiptLine(row: DocumentRow, name: string, line: PricedLine): ReceiptLine {
  return {
    source: row.path,
    name,
    ...line,
    vat: { type: row.vat.type, sumKopecks: vatInside(line.sumKopecks, row.vat.percent) },
    paymentMethod: row.paymentMethod,
    paymentObject: row.paymentObject,
    ...(row.measurementUnit === undefined ? {} : { measurementUnit: row.measurementUnit }),
  };
}

/** Type 1 (cashless) carries total − prepaid, type 2 the prepaid part; zero payments left out. */
function payments(total: number, prepaid: number): ReceiptPayment[] {
  const list: ReceiptPayment[] = [
    { type: 1, sumKopecks: total - prepaid },
    { type: 2, sumKopecks: prepaid },
  ];
  return list.filter((payment) => payment.sumKopecks > 0);
}

function sharesByPath(rows: DocumentRow[], shares: number[]): Map<string, number> {
  return new Map(rows.map((row, index) => [row.path, shares[index] ?? 0]));
}

function note(type: ReceiptNote['type'], message: string, data: Record<string, unknown>) {
  return { type, message, data };
}

function contactNotes(dropped: FieldProblem[]): ReceiptNote[] {
  return dropped.map((problem) =>
    note('contact_dropped', `${problem.path} ${problem.message}: left out`, { path: problem.path }),
  );
}

/** One note per replaced or kept rate, listing the rows (rule 9: the history says so). */
function rateNotes(rows: DocumentRow[], vatDate: string, invoiceDay?: string): ReceiptNote[] {
  const byRate = new Map<string, string[]>();
  for (const row of rows) {
    if (row.vat.requested === row.vat.type && !row.vat.kept) continue;
    const key = `${row.vat.requested}>${row.vat.type}`;
    byRate.set(key, [...(byRate.get(key) ?? []), row.path]);
  }
  return [...byRate].map(([key, paths]) => {
    const [from, to] = key.split('>');
    if (from === to) {
      const message = `${from} kept: a refund of an invoice dated ${invoiceDay ?? '?'}`;
      return note('vat_kept', message, { rate: from, paths, invoiceDate: invoiceDay });
    }
    const message = `${from} sent as ${to}, the rate in force on ${vatDate}`;
    return note('vat_remapped', message, { from, to, paths, vatDate });
  });
}

function spreadNote(rows: DocumentRow[], shares: number[], total: number): ReceiptNote {
  const rowsKopecks = rows.reduce((sum, row) => sum + row.amount, 0);
  const difference = formatKopecks(total - rowsKopecks);
  const shipping = rows.findIndex((row) => row.shipping);
  const shippingMoved = shipping !== -1 && shares[shipping] !== rows[shipping]?.amount;
  const message = `a difference of ${difference} to the rows was spread over the items${
    shippingMoved ? ' and the shipping' : ''
  }`;
  return note('total_spread', message, { rowsKopecks, totalKopecks: total, shares });
}
