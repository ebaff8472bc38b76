import crypto from 'node:crypto';
import { serviceErrorRow, serviceErrorText } from '../atol/atol-error-table';
import type { AtolErrorType } from '../atol/atol-types';
import { formatAtolTimestamp } from '../time/zoned-time';
import type { EmulatorDocument, WireError } from './emulator-types';

/** An answer to send: HTTP status and JSON body. */
export interface WireAnswer {
  httpStatus: number;
  body: Record<string, unknown>;
}

/** Identifies the emulator as the ATOL server that processed a document (reference §5.2). */
export const DAEMON_CODE = 'emulator-agent-1';
export const DEVICE_CODE = 'EMU13.11-1-1';

export function wireError(code: number, type: AtolErrorType, text: string): WireError {
  return { error_id: crypto.randomUUID(), code, text, type };
}

/**
 * A service error as ATOL sends it (reference §7.1): its HTTP status, its text with the
 * arguments filled in, and the document status when the error carries one.
 */
export function serviceError(
  code: number,
  timeZone: string,
  options: { args?: string[]; text?: string; uuid?: string } = {},
): WireAnswer {
  const row = serviceErrorRow(code);
  const text = options.text ?? serviceErrorText(code, ...(options.args ?? []));
  const body: Record<string, unknown> = {};
  if (options.uuid !== undefined) body.uuid = options.uuid;
  body.error = wireError(code, 'system', text);
  if (row?.status) body.status = row.status;
  body.timestamp = formatAtolTimestamp(new Date(), timeZone);
  return { httpStatus: row?.httpStatus ?? 400, body };
}

/** The report body, also POSTed as the callback (reference §5.2, §6). */
export function reportView(
  document: EmulatorDocument,
  timeZone: string,
  error: WireError | null = document.error,
): Record<string, unknown> {
  return {
    uuid: document.uuid,
    error,
    status: document.status,
    payload: document.payload,
    timestamp: formatAtolTimestamp(new Date(), timeZone),
    group_code: document.groupCode,
    daemon_code: DAEMON_CODE,
    device_code: DEVICE_CODE,
    external_id: document.externalId,
    callback_url: document.callbackUrl,
    warnings: document.warnings,
  };
}
