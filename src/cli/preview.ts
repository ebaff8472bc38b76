import fs from 'node:fs';
import { Argument, Command } from 'commander';
import { AppError } from '../errors/errors';
import { buildPreviewService } from '../main';
import type { DocumentKind } from '../receipt/receipt-enums';
import { type PreviewService, TEST_COMPANY_NOTICE } from '../receipt/preview-service';
import { action, loadCliConfig } from './cli-context';

/** Exit code for a document that was refused (400/422); 1 stays for every other failure. */
export const EXIT_REFUSED = 2;

export interface PreviewOutput {
  exitCode: number;
  /** The ATOL operation when built (`sell`, `sell_refund`). */
  operation?: string;
  /** The ATOL body as JSON, or empty when refused. */
  stdout: string;
  /** Notices, notes and field errors, one per line. */
  stderr: string[];
}

/**
 * What `kkm preview` prints for one body text: the exact ATOL body on standard output, or the
 * refusal with every field path on standard error. Tests call this with the same service.
 */
export function previewText(
  service: PreviewService,
  kind: DocumentKind,
  input: string | Uint8Array,
): PreviewOutput {
  const text = typeof input === 'string' ? input : decodeUtf8(input);
  if (text === undefined) {
    // Like the API's invalid_utf8: broken bytes would otherwise show as U+FFFD in the receipt.
    return { exitCode: EXIT_REFUSED, stdout: '', stderr: ['kkm: the body is not valid UTF-8'] };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { exitCode: EXIT_REFUSED, stdout: '', stderr: [`kkm: the body is not JSON: ${reason}`] };
  }
  try {
    const result = service.preview(kind, body);
    const stderr = [
      `kkm: ${result.operation} request for ATOL API v${result.apiVersion}`,
      ...(result.testCompany ? [`note: ${TEST_COMPANY_NOTICE}`] : []),
      ...result.notes.map((note) => `note: ${note.message}`),
    ];
    const stdout = JSON.stringify(result.request, null, 2);
    return { exitCode: 0, operation: result.operation, stdout, stderr };
  } catch (error) {
    if (!(error instanceof AppError) || (error.status !== 400 && error.status !== 422)) throw error;
    const fields = (error.details?.fields ?? []) as Array<{ path: string; message: string }>;
    const lines = fields.map((field) => `  ${field.path || '(body)'}: ${field.message}`);
    return { exitCode: EXIT_REFUSED, stdout: '', stderr: [`kkm: ${error.message}`, ...lines] };
  }
}

/** The bytes as UTF-8 text, or undefined when they are not valid UTF-8. */
function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function readBody(file: string): Buffer {
  return fs.readFileSync(file === '-' ? 0 : file);
}

/** `kkm preview invoice|refund FILE|-`: the ATOL request a document would become (shop-api.md). */
export function previewCommand(): Command {
  return new Command('preview')
    .description('print the ATOL request a shop document becomes; nothing is stored or sent')
    .addArgument(new Argument('<kind>', 'document kind').choices(['invoice', 'refund']))
    .argument('<file>', 'JSON body as a shop would POST it, or - for standard input')
    .action(
      action(async (kind: DocumentKind, file: string) => {
        const output = previewText(buildPreviewService(loadCliConfig()), kind, readBody(file));
        for (const line of output.stderr) console.error(line);
        if (output.stdout) console.log(output.stdout);
        return output.exitCode;
      }),
    );
}
