import type {
  AttemptRecord,
  EventRecord,
  TransactionRecord,
} from '../documents/document-history-store';
import { badge } from './admin-layout';
import {
  formatJson,
  formatKopecks,
  formatThousandths,
  formatTime,
  jsonDetails,
} from './admin-format';
import { html, safeUrl, SafeHtml } from './html';
import type { ReceiptLinesView, ReceiptPaymentView } from './receipt-lines';

// The tables of the document page, one function per section.

function empty(text: string): SafeHtml {
  return html`<div class="empty">${text}</div>`;
}

const PAYMENT_TYPES: Record<number, string> = {
  1: 'paid now (type 1)',
  2: 'paid earlier (type 2)',
};

function paymentsList(payments: ReceiptPaymentView[]): SafeHtml {
  if (payments.length === 0) return html``;
  const items = payments.map(
    (payment) =>
      html`<dt>${PAYMENT_TYPES[payment.type] ?? `type ${payment.type}`}</dt>
        <dd>${formatKopecks(payment.sumKopecks)} ₽</dd>`,
  );
  return html`<h3>Payments</h3>
    <dl>${items}</dl>`;
}

/** Receipt lines as they go to ATOL (name, price, quantity, sum, VAT), then the payments. */
export function linesSection(receipt: ReceiptLinesView): SafeHtml {
  const { lines } = receipt;
  if (lines.length === 0) return empty('No receipt lines stored.');
  const rows = lines.map(
    (line, index) =>
      html`<tr>
        <td class="muted">${index + 1}</td>
        <td>${line.name}</td>
        <td class="num">${formatKopecks(line.priceKopecks)}</td>
        <td class="num">
          ${formatThousandths(line.quantityThousandths)} ${line.measurementUnit ?? ''}
        </td>
        <td class="num">${formatKopecks(line.sumKopecks)}</td>
        <td>${line.vat}</td>
        <td class="num">${formatKopecks(line.vatKopecks)}</td>
      </tr>`,
  );
  const total = lines.reduce((sum, line) => sum + line.sumKopecks, 0);
  return html`<table>
      <thead>
        <tr>
          <th>#</th>
          <th>Name</th>
          <th class="num">Price, ₽</th>
          <th class="num">Qty</th>
          <th class="num">Sum, ₽</th>
          <th>VAT</th>
          <th class="num">VAT, ₽</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
        <tr>
          <td></td>
          <td><strong>Total</strong></td>
          <td></td>
          <td></td>
          <td class="num"><strong>${formatKopecks(total)}</strong></td>
          <td></td>
          <td></td>
        </tr>
      </tbody>
    </table>
    ${paymentsList(receipt.payments)}`;
}

const FISCAL_FIELDS: Array<[string, string]> = [
  ['fiscal_receipt_number', 'Receipt number in shift'],
  ['shift_number', 'Shift'],
  ['receipt_datetime', 'Receipt time'],
  ['total', 'Fiscal total'],
  ['fn_number', 'FN (fiscal drive)'],
  ['ecr_registration_number', 'Register number (RN KKT)'],
  ['fiscal_document_number', 'Fiscal document (FD)'],
  ['fiscal_document_attribute', 'Fiscal sign (FP)'],
  ['fns_site', 'FNS site'],
  ['ofd_inn', 'OFD INN'],
];

const text = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';

/**
 * The OFD link of a receipt: ATOL's own when it sends one (only some OFDs do, reference §5.2);
 * for ATOL's public test company, the test OFD's viewer built from fn, fp and fd (§1.2).
 */
export function ofdLink(
  payload: Record<string, unknown>,
  testCompany: boolean,
): string | undefined {
  const url = text(payload.ofd_receipt_url);
  if (url) return url;
  const fn = text(payload.fn_number);
  const fp = text(payload.fiscal_document_attribute);
  const fd = text(payload.fiscal_document_number);
  if (!testCompany || !fn || !fp || !fd) return undefined;
  const query = new URLSearchParams({ fn, fp, i: fd });
  return `https://consumer.1-ofd-test.ru/v1?${query.toString()}`;
}

function fiscalData(payload: Record<string, unknown>, testCompany: boolean): SafeHtml {
  const fields = FISCAL_FIELDS.filter(([key]) => text(payload[key]) !== '').map(
    ([key, label]) =>
      html`<dt>${label}</dt>
        <dd>${text(payload[key])}</dd>`,
  );
  const link = ofdLink(payload, testCompany);
  const ofd = link
    ? html`<dt>Receipt at the OFD</dt>
        <dd><a href="${safeUrl(link)}" rel="noreferrer noopener" target="_blank">${link}</a></dd>`
    : '';
  return html`<dl>${fields}${ofd}</dl>`;
}

/** A stored ATOL error `{ code, text, type }` in one line. */
export function errorText(error: unknown): string {
  if (error === null || error === undefined) return '';
  if (typeof error !== 'object') return String(error);
  const record = error as Record<string, unknown>;
  const head = [text(record.type), text(record.code)].filter(Boolean).join(' ');
  const message = text(record.text) || text(record.message) || text(record.reason);
  return head && message ? `${head}: ${message}` : head || message || formatJson(error);
}

function transactionCard(transaction: TransactionRecord, zone: string, test: boolean): SafeHtml {
  const error = errorText(transaction.error);
  return html`<div class="card">
    <h2>
      ${badge(transaction.status)} ${transaction.operation}
      <span class="muted small">${transaction.uuid}</span>
    </h2>
    <dl>
      <dt>External id</dt>
      <dd>${transaction.externalId}</dd>
      <dt>Registered</dt>
      <dd>${formatTime(transaction.createdAt, zone)}</dd>
      <dt>Finished</dt>
      <dd>${formatTime(transaction.finishedAt, zone) || '—'}</dd>
      <dt>Result from</dt>
      <dd>${transaction.resultSource ?? '—'}</dd>
      ${
        error
          ? html`<dt>Error</dt>
              <dd>${error} ${transaction.errorClass ? `(${transaction.errorClass})` : ''}</dd>`
          : ''
      }
    </dl>
    ${
      transaction.payload
        ? html`<h3>Fiscal data</h3>
            ${fiscalData(transaction.payload, test)}`
        : ''
    }
  </div>`;
}

/** Transactions, newest first, each with its fiscal data. */
export function transactionsSection(
  transactions: TransactionRecord[],
  timeZone: string,
  testCompany: boolean,
): SafeHtml {
  if (transactions.length === 0) return empty('ATOL has not registered this document yet.');
  return html`${[...transactions].reverse().map((t) => transactionCard(t, timeZone, testCompany))}`;
}

/** Attempts: one row per external id, with the stored ATOL request. */
export function attemptsSection(attempts: AttemptRecord[], timeZone: string): SafeHtml {
  if (attempts.length === 0) return empty('No attempts yet.');
  const rows = attempts.map(
    (attempt) =>
      html`<tr>
        <td>
          ${attempt.externalId}
          <div class="muted small">
            generation ${attempt.generation}, API v${attempt.apiVersion}
          </div>
        </td>
        <td>${attempt.operation}</td>
        <td>${badge(attempt.status)}</td>
        <td class="num">${attempt.tries}</td>
        <td class="num">${attempt.httpStatus ?? ''}</td>
        <td class="nowrap">${formatTime(attempt.nextTryAt, timeZone)}</td>
        <td>${errorText(attempt.error)}</td>
        <td class="nowrap">${formatTime(attempt.updatedAt, timeZone)}</td>
      </tr>`,
  );
  return html`<table>
    <thead>
      <tr>
        <th>External id</th>
        <th>Operation</th>
        <th>Status</th>
        <th class="num">Tries</th>
        <th class="num">HTTP</th>
        <th>Next try</th>
        <th>Error</th>
        <th>Updated</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}

/** The document's history, oldest first. */
export function eventsSection(events: EventRecord[], timeZone: string): SafeHtml {
  if (events.length === 0) return empty('No events.');
  const rows = events.map(
    (event) =>
      html`<tr>
        <td class="nowrap">${formatTime(event.createdAt, timeZone)}</td>
        <td>${event.type}</td>
        <td>${event.message}${jsonDetails('data', event.data)}</td>
        <td>${event.actor ?? ''}</td>
      </tr>`,
  );
  return html`<table>
    <thead>
      <tr>
        <th>Time</th>
        <th>Event</th>
        <th>Message</th>
        <th>By</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}
