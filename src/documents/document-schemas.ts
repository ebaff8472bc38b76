import { z } from 'zod';
import { DOCUMENT_KINDS, DOCUMENT_STATUSES } from './document-types';

// Schemas of the shop API's own inputs (query, path, send body) and of its answers. The answer
// schemas type the views (document-view.ts) and feed the OpenAPI document.

const SHOP_ID = /^[A-Za-z0-9._-]{1,64}$/;

export const shopIdParamsSchema = z.object({
  id: z.string().regex(SHOP_ID, 'must be 1–64 characters of A-Z a-z 0-9 . _ -'),
});

const isoInstant = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone' })
  .transform((text) => new Date(text));

export const listQuerySchema = z.strictObject({
  status: z.enum(DOCUMENT_STATUSES).optional(),
  kind: z.enum(DOCUMENT_KINDS).optional(),
  from: isoInstant.optional().describe('received at or after (ISO 8601 with offset)'),
  to: isoInstant.optional().describe('received before (ISO 8601 with offset)'),
  orderId: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(/^[1-9]\d{0,14}$/, 'must be the nextCursor of the previous page')
    .transform(Number)
    .optional(),
});

export const sendBodySchema = z.strictObject({
  newId: z
    .boolean()
    .default(false)
    .describe('take the next external id; allowed only after the last transaction failed'),
});

const money = z
  .string()
  .regex(/^\d+\.\d{2}$/)
  .describe('roubles with two decimals');
const kopecks = z.number().int().describe('the same amount in kopecks');
const instant = z.string().describe('ISO 8601 date-time');

export const fiscalDataSchema = z.object({
  fnNumber: z.string().nullable().describe('fiscal drive serial (ФН, tag 1041)'),
  fiscalDocumentNumber: z.number().nullable().describe('fiscal document number (ФД, tag 1040)'),
  fiscalDocumentAttribute: z.number().nullable().describe('fiscal sign (ФП, tag 1077)'),
  fiscalReceiptNumber: z.number().nullable().describe('receipt number in the shift (tag 1042)'),
  shiftNumber: z.number().nullable(),
  receiptDatetime: z.string().nullable().describe('dd.mm.yyyy HH:MM:SS from the fiscal drive'),
  ecrRegistrationNumber: z.string().nullable(),
  total: money.nullable(),
  fnsSite: z.string().nullable(),
  ofdInn: z.string().nullable(),
  ofdReceiptUrl: z.string().nullable().describe('the receipt on the OFD site, when ATOL gives one'),
});

export const receiptLineSchema = z.object({
  name: z.string(),
  price: money,
  priceKopecks: kopecks,
  quantity: z.number(),
  sum: money,
  sumKopecks: kopecks,
  vat: z.string(),
  vatSum: money,
  paymentMethod: z.string(),
  paymentObject: z.string(),
  measurementUnit: z.string().nullable(),
});

export const receiptViewSchema = z.object({
  lines: z.array(receiptLineSchema),
  payments: z.array(z.object({ type: z.number().int(), sum: money, sumKopecks: kopecks })),
  total: money,
  totalKopecks: kopecks,
});

export const attemptViewSchema = z.object({
  id: z.number().int(),
  operation: z.string(),
  externalId: z.string(),
  generation: z.number().int(),
  status: z.enum(['new', 'sending', 'sent', 'error']),
  tries: z.number().int(),
  httpStatus: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
  error: z.unknown().nullable(),
  nextTryAt: instant.nullable(),
  createdAt: instant,
  updatedAt: instant,
});

export const transactionViewSchema = z.object({
  uuid: z.string(),
  externalId: z.string(),
  operation: z.string(),
  status: z.enum(['wait', 'done', 'fail']),
  errorClass: z.string().nullable(),
  error: z.unknown().nullable(),
  resultSource: z.string().nullable(),
  fiscal: fiscalDataSchema.nullable(),
  createdAt: instant,
  finishedAt: instant.nullable(),
});

export const eventViewSchema = z.object({
  type: z.string(),
  message: z.string(),
  data: z.unknown().nullable(),
  actor: z.string().nullable(),
  at: instant,
});

export const documentSummarySchema = z.object({
  kind: z.enum(DOCUMENT_KINDS),
  id: z.string().describe("the shop's id of the document"),
  orderId: z.string().nullable(),
  invoiceId: z.string().nullable(),
  operation: z.enum(['sell', 'sell_refund']),
  status: z.enum(DOCUMENT_STATUSES),
  total: money,
  totalKopecks: kopecks,
  documentDate: instant,
  createdAt: instant,
  updatedAt: instant,
  fiscal: fiscalDataSchema.nullable().describe('fiscal data once the receipt is done'),
});

export const documentViewSchema = documentSummarySchema.extend({
  receipt: receiptViewSchema.nullable(),
  attempts: z.array(attemptViewSchema),
  transactions: z.array(transactionViewSchema),
  events: z.array(eventViewSchema),
});

export const documentListSchema = z.object({
  documents: z.array(documentSummarySchema),
  nextCursor: z.string().nullable().describe('pass as `cursor` for the next page; null at the end'),
});

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
  requestId: z.string().optional(),
});

export type FiscalDataView = z.output<typeof fiscalDataSchema>;
export type ReceiptView = z.output<typeof receiptViewSchema>;
export type AttemptView = z.output<typeof attemptViewSchema>;
export type TransactionView = z.output<typeof transactionViewSchema>;
export type EventView = z.output<typeof eventViewSchema>;
export type DocumentSummaryView = z.output<typeof documentSummarySchema>;
export type DocumentView = z.output<typeof documentViewSchema>;
export type DocumentListView = z.output<typeof documentListSchema>;
export type ListQuery = z.output<typeof listQuerySchema>;
