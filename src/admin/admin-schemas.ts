import { z } from 'zod';
import { DOCUMENT_KINDS, DOCUMENT_STATUSES } from '../documents/document-types';
import { REPORT_PERIODS } from './report-page';

// Query strings of the admin pages. An empty form field arrives as '', which means "no filter".
const blankToUndefined = (value: unknown): unknown =>
  value === '' || value === null ? undefined : value;
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(blankToUndefined, schema.optional());

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const page = z.coerce.number().int().min(1).max(100_000);
const search = z.string().trim().max(64);
// Ids come from links: digits only, so a huge number cannot overflow the bigint column.
const documentId = z.string().regex(/^\d{1,15}$/, 'expected a document id');

export const documentListQuerySchema = z.object({
  q: optional(search),
  kind: optional(z.enum(DOCUMENT_KINDS)),
  status: optional(z.enum(DOCUMENT_STATUSES)),
  from: optional(day),
  to: optional(day),
  cursor: optional(z.coerce.number().int().min(1)),
});
export type DocumentListQuery = z.infer<typeof documentListQuerySchema>;

export const documentParamsSchema = z.object({
  kind: z.enum(DOCUMENT_KINDS),
  id: documentId.transform(Number),
});

export const requestLogQuerySchema = z.object({
  document: optional(search),
  documentId: optional(documentId.transform(Number)),
  failed: optional(z.literal('1')),
  page: optional(page),
});

export const reportQuerySchema = z.object({
  period: optional(z.enum(REPORT_PERIODS)),
});

/** The Send form: `newId` asks for the next external id (allowed only after a fail). */
export const sendFormSchema = z.object({
  newId: optional(z.literal('1')),
});
