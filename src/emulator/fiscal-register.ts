import crypto from 'node:crypto';
import type { AtolOperation, FiscalPayload } from '../atol/atol-types';
import { formatKopecks } from '../money/kopecks';
import { zonedParts } from '../time/zoned-time';
import type { EmulatorAccount } from './emulator-types';

/** First OFD (Первый ОФД): its INN and the consumer link of its test site (reference §1.2). */
const OFD_INN = '7709364346';
const OFD_RECEIPT_URL = 'https://consumer.1-ofd-test.ru/v1';

/** The FNS QR code's settlement kind (reference §11.3). */
const SETTLEMENT_KIND: Record<AtolOperation, number> = {
  sell: 1,
  sell_refund: 2,
  buy: 3,
  buy_refund: 4,
  sell_correction: 1,
  buy_correction: 3,
  sell_refund_correction: 2,
  buy_refund_correction: 4,
};

interface Counters {
  shiftDate: string;
  shiftNumber: number;
  receiptInShift: number;
  documentNumber: number;
}

/** Issues fiscal attributes per group: a shift per day, monotonic document numbers. */
export interface FiscalRegister {
  fiscalize(
    account: EmulatorAccount,
    operation: AtolOperation,
    totalKopecks: number,
    now: Date,
  ): FiscalPayload;
  reset(): void;
}

/** Sixteen digits derived from a text, for registers that were not given their own numbers. */
function digitsFor(seed: string): string {
  const hash = crypto.createHash('sha256').update(seed).digest();
  const part = (offset: number): string =>
    (hash.readUInt32BE(offset) % 1e6).toString().padStart(6, '0');
  return `9999${part(0)}${part(4)}`;
}

export function createFiscalRegister(timeZone: string): FiscalRegister {
  const counters = new Map<string, Counters>();

  function next(groupCode: string, date: string): Counters {
    const current = counters.get(groupCode) ?? {
      shiftDate: date,
      shiftNumber: 1,
      receiptInShift: 0,
      documentNumber: 0,
    };
    // A new day opens a new shift, and the shift-open report takes a document number.
    if (current.shiftDate !== date) {
      current.shiftDate = date;
      current.shiftNumber += 1;
      current.receiptInShift = 0;
      current.documentNumber += 1;
    }
    current.receiptInShift += 1;
    current.documentNumber += 1;
    counters.set(groupCode, current);
    return current;
  }

  return {
    fiscalize(account, operation, totalKopecks, now) {
      const p = zonedParts(now, timeZone);
      const counter = next(account.groupCode, `${p.year}-${p.month}-${p.day}`);
      const fnNumber = account.fnNumber ?? digitsFor(`fn:${account.groupCode}`);
      const attribute = crypto.randomInt(1, 2 ** 32);
      const total = formatKopecks(totalKopecks);
      const query = new URLSearchParams({
        fn: fnNumber,
        fp: String(attribute),
        i: String(counter.documentNumber),
        t: `${p.year}${p.month}${p.day}T${p.hour}${p.minute}`,
        s: total,
        n: String(SETTLEMENT_KIND[operation]),
      });
      return {
        total: Number(total),
        fns_site: 'www.nalog.gov.ru',
        fn_number: fnNumber,
        shift_number: counter.shiftNumber,
        // The fiscal drive stores minutes, so seconds are always 00 (reference §5.2).
        receipt_datetime: `${p.day}.${p.month}.${p.year} ${p.hour}:${p.minute}:00`,
        fiscal_receipt_number: counter.receiptInShift,
        fiscal_document_number: counter.documentNumber,
        ecr_registration_number:
          account.registrationNumber ?? digitsFor(`ecr:${account.groupCode}`),
        fiscal_document_attribute: attribute,
        ofd_inn: OFD_INN,
        ofd_receipt_url: `${OFD_RECEIPT_URL}?${query.toString()}`,
      };
    },

    reset() {
      counters.clear();
    },
  };
}
