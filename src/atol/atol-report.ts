import { z } from 'zod';
import { ValidationError } from '../errors/errors';
import { classifyFailure, serviceErrorOf } from './atol-error-table';
import type { AtolError, AtolErrorType, AtolReport, ReportState } from './atol-types';

const ERROR_TYPES: readonly AtolErrorType[] = [
  'system',
  'unknown',
  'none',
  'driver',
  'agent',
  'timeout',
];

/** ATOL's error object; an unknown `type` is read as `unknown`, `error_id` may be missing. */
export const atolErrorSchema = z
  .looseObject({
    code: z.number().int(),
    type: z.string().optional(),
    text: z.string().optional(),
    error_id: z.string().nullish(),
  })
  .transform((raw): AtolError => {
    const type = ERROR_TYPES.find((known) => known === raw.type) ?? 'unknown';
    const error: AtolError = { code: raw.code, type, text: raw.text ?? '' };
    if (raw.error_id) error.errorId = raw.error_id;
    return error;
  });

/** The fiscal attributes of a `done` report (reference §5.2). */
export const fiscalPayloadSchema = z.looseObject({
  fiscal_receipt_number: z.number().int(),
  shift_number: z.number().int(),
  receipt_datetime: z.string(),
  total: z.number(),
  fn_number: z.string(),
  ecr_registration_number: z.string(),
  fiscal_document_number: z.number().int(),
  fiscal_document_attribute: z.number().int(),
  fns_site: z.string(),
  ofd_inn: z.string().optional(),
  ofd_receipt_url: z.string().optional(),
});

/** A report or callback body (reference §5.2, §6). Unknown fields are tolerated and kept. */
export const atolReportSchema = z
  .looseObject({
    uuid: z.string().min(1),
    status: z.enum(['wait', 'done', 'fail']),
    error: atolErrorSchema.nullish(),
    payload: fiscalPayloadSchema.nullish(),
    timestamp: z.string().optional(),
    group_code: z.string().optional(),
    daemon_code: z.string().optional(),
    device_code: z.string().optional(),
    external_id: z.string().optional(),
    callback_url: z.string().nullish(),
    // Before doc 5.7 the OFD link stood at the top level (reference §13 #17).
    ofd_receipt_url: z.string().optional(),
    warnings: z.record(z.string(), z.unknown()).nullish(),
  })
  .refine((report) => report.status !== 'done' || Boolean(report.payload), {
    message: 'a done report carries a payload',
    path: ['payload'],
  })
  .transform((raw): AtolReport => {
    const { ofd_receipt_url: legacyUrl, callback_url: callbackUrl, ...rest } = raw;
    let payload = raw.payload ?? null;
    if (payload && legacyUrl && !payload.ofd_receipt_url) {
      payload = { ...payload, ofd_receipt_url: legacyUrl };
    }
    const report: AtolReport = { ...rest, error: raw.error ?? null, payload };
    if (typeof callbackUrl === 'string') report.callback_url = callbackUrl;
    return report;
  });

/**
 * Parses a report or callback body; throws ValidationError naming the fields that do not fit.
 * The callback endpoint uses it as well as the client.
 */
export function parseAtolReport(body: unknown): AtolReport {
  const result = atolReportSchema.safeParse(body);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({
    path: issue.path.join('.'),
    message: issue.message,
  }));
  throw new ValidationError('The ATOL report does not have the expected shape', fields);
}

/**
 * What a parsed report says about the document: still waiting, fiscalised, or failed with a
 * classified error. A `fail` carrying a service error (such as 30) is not a document state;
 * it returns undefined and the caller handles it as a service error.
 */
export function reportStateOf(report: AtolReport): ReportState | undefined {
  if (report.status === 'wait') return { kind: 'wait' };
  if (report.status === 'done' && report.payload) {
    return { kind: 'done', payload: report.payload, report };
  }
  if (report.status !== 'fail' || !report.error) return undefined;
  if (serviceErrorOf(report.error)) return undefined;
  return { kind: 'fail', error: report.error, errorClass: classifyFailure(report.error), report };
}
