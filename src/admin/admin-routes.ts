import { Router } from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError, NotFoundError, ValidationError } from '../errors/errors';
import { requireAdminLogin } from './admin-auth';
import { createCsrfTokens, requireCsrfToken } from './admin-csrf';
import { adminContentSecurityPolicy, renderPage } from './admin-layout';
import { adminPath } from './admin-paths';
import type { AdminDeps } from './admin-types';
import { createDocumentHandlers } from './document-handlers';
import { html } from './html';
import { createListHandlers } from './list-handlers';

// Every admin response, the 401 included: no script may run, nothing may be cached (the pages
// show customer data), and no other site may frame the buttons.
const adminHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('Content-Security-Policy', adminContentSecurityPolicy);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Frame-Options', 'DENY');
  next();
};

function errorPage(deps: AdminDeps) {
  const logger = deps.logger.child({ module: 'admin' });
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const known = error instanceof AppError ? error : undefined;
    if (!known) logger.error('Admin page failed', { error, method: req.method, path: req.path });

    const status = known?.status ?? 500;
    const message = known?.message ?? 'Something went wrong; the log has the details.';
    const fields = known instanceof ValidationError ? known.fields : [];
    const list = html`<ul>
      ${fields.map((field) => html`<li>${field.path}: ${field.message}</li>`)}
    </ul>`;
    res
      .status(status)
      .type('html')
      .send(
        renderPage({
          title: `Error ${status}`,
          user: String(res.locals.adminUser ?? ''),
          body: html`<div class="card">
            <h1>Error ${status}</h1>
            <p>${message}</p>
            ${list}
            <p><a href="${adminPath('/documents')}">Back to documents</a></p>
          </div>`,
        }),
      );
  };
}

/**
 * The admin pages, mounted at /admin: HTTP Basic login, CSRF tokens on every form, HTML built
 * by the escaping `html` template.
 */
export function createAdminRouter(deps: AdminDeps): Router {
  const router = Router();
  const { user, password } = deps.credentials;
  const csrf = createCsrfTokens({ secret: `${user}\n${password}` });
  const documents = createDocumentHandlers(deps, csrf);
  const lists = createListHandlers(deps);

  router.use(adminHeaders);
  router.use(requireAdminLogin(deps.credentials));

  router.get('/', (_req, res) => res.redirect(302, adminPath('/documents')));
  router.get('/documents', lists.documents);
  router.get('/documents/:kind/:id', documents.show);
  router.post('/documents/:kind/:id/send', requireCsrfToken(csrf), documents.send);
  router.post('/documents/:kind/:id/refresh', requireCsrfToken(csrf), documents.refresh);
  router.get('/atol-requests', lists.requests);
  router.get('/reports', lists.report);

  router.use((req) => {
    throw new NotFoundError(`No admin page at ${req.path}`);
  });
  router.use(errorPage(deps));
  return router;
}
