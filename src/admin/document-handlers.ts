import type { Request, RequestHandler, Response } from 'express';
import type { StoredDocument } from '../documents/document-types';
import { AppError, NotFoundError } from '../errors/errors';
import { parseWith } from '../http/validate';
import type { CsrfTokens } from './admin-csrf';
import type { Notice } from './admin-layout';
import { documentPath } from './admin-paths';
import { documentParamsSchema, sendFormSchema } from './admin-schemas';
import type { AdminDeps } from './admin-types';
import { renderDocumentPage } from './document-page';
import { receiptLines } from './receipt-lines';

// After a successful action the browser is redirected (so a reload does not post again) with
// one of these words; the text shown is ours, never taken from the URL.
const DONE_NOTICES = new Map<string, Notice>([
  ['send', { kind: 'ok', text: 'Sent to ATOL. The status below updates as ATOL answers.' }],
  ['refresh', { kind: 'ok', text: 'Asked ATOL for the status.' }],
]);

export interface DocumentHandlers {
  show: RequestHandler;
  send: RequestHandler;
  refresh: RequestHandler;
}

/** The document page and its two buttons. */
export function createDocumentHandlers(deps: AdminDeps, csrf: CsrfTokens): DocumentHandlers {
  const userOf = (res: Response): string => String(res.locals.adminUser ?? '');
  const logger = deps.logger.child({ module: 'admin' });

  async function load(req: Request): Promise<StoredDocument> {
    const params = parseWith(documentParamsSchema, req.params, 'path');
    const document = await deps.documents.findById(params.id);
    // The kind in the path must match too, so a link can never show one document as another.
    if (!document || document.kind !== params.kind || document.companyKey !== deps.companyKey) {
      throw new NotFoundError(`No ${params.kind} with id ${params.id}`);
    }
    return document;
  }

  async function render(
    res: Response,
    document: StoredDocument,
    notice: Notice | undefined,
  ): Promise<void> {
    const history = await deps.history.historyOf(document.id);
    const user = userOf(res);
    const page = renderDocumentPage({
      user,
      timeZone: deps.timeZone,
      csrfToken: csrf.issue(user),
      testCompany: deps.testCompany,
      document,
      history,
      receipt: receiptLines(document.receipt),
      notice,
    });
    res.type('html').send(page);
  }

  /**
   * Runs a manual action. A refusal by the exactly-once rules (an AppError such as 409) is shown
   * on the page with its message; the page is re-read so it shows the state that refused.
   */
  async function act(
    req: Request,
    res: Response,
    action: 'send' | 'refresh',
    run: (document: StoredDocument, actor: string) => Promise<unknown>,
  ): Promise<void> {
    const document = await load(req);
    const actor = `admin:${userOf(res)}`;
    try {
      await run(document, actor);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      logger.info('Admin action refused', {
        action,
        documentId: document.id,
        actor,
        code: error.code,
      });
      const current = (await deps.documents.findById(document.id)) ?? document;
      res.status(error.status);
      await render(res, current, { kind: 'refused', text: error.message });
      return;
    }
    logger.info('Admin action', { action, documentId: document.id, actor });
    res.redirect(303, `${documentPath(document.kind, document.id)}?done=${action}`);
  }

  return {
    async show(req, res) {
      const document = await load(req);
      const done = DONE_NOTICES.get(String(req.query.done));
      await render(res, document, done);
    },

    async send(req, res) {
      const form = parseWith(sendFormSchema, req.body ?? {}, 'form');
      await act(req, res, 'send', (document, actor) =>
        deps.fiscal.sendDocument(document.id, { newId: form.newId === '1', actor }),
      );
    },

    async refresh(req, res) {
      await act(req, res, 'refresh', (document, actor) =>
        deps.fiscal.refreshDocument(document.id, actor),
      );
    },
  };
}
