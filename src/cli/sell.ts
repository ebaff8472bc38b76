import { Command } from 'commander';
import { documentView } from '../documents/document-view';
import { describeDocument, sendVerdict } from '../documents/document-text';
import type { DocumentKind } from '../documents/document-types';
import { ConflictError } from '../errors/errors';
import { action, reportError, withContext } from './cli-context';

interface SendCliOptions {
  newId?: boolean;
  json?: boolean;
}

/** Exit codes of `kkm sell` and `kkm refund`. */
export const SEND_EXIT = {
  ok: 0,
  /** Not found, bad configuration, database trouble: the usual 1. */
  error: 1,
  /** Refused by the exactly-once rules (it waits, is done, or needs --new-id). */
  refused: 2,
  /** ATOL rejected the receipt, or could not be reached (the queue retries it). */
  atol: 3,
} as const;

/**
 * `kkm sell ID` / `kkm refund ID`: sends a stored document to ATOL now, or resends it, under
 * the same exactly-once rules as the API. The server's queue does the retries.
 */
export function documentSendCommand(name: string, kind: DocumentKind): Command {
  return new Command(name)
    .description(`send or resend the stored ${kind} with the shop's id ID to ATOL now`)
    .argument('<id>', `the shop's id of the ${kind}`)
    .option('--new-id', 'register under the next external id (only after ATOL failed the last one)')
    .option('--json', 'print the document as JSON')
    .action(
      action((id: string, options: SendCliOptions) =>
        withContext(async ({ services }) => {
          const sendOptions = { newId: options.newId === true, actor: 'cli', sendNow: true };
          try {
            const detail = await services.documents.send(kind, id, sendOptions);
            const view = documentView(detail.document, detail.history);
            if (options.json) console.log(JSON.stringify(view, null, 2));
            else console.log(describeDocument(view).join('\n'));
            return sendVerdict(view) === 'ok' ? SEND_EXIT.ok : SEND_EXIT.atol;
          } catch (error) {
            if (!(error instanceof ConflictError)) throw error;
            reportError(error);
            return SEND_EXIT.refused;
          }
        }),
      ),
    );
}

export function sellCommand(): Command {
  return documentSendCommand('sell', 'invoice');
}
