import { Router, type Request, type Response } from 'express';
import { optionalJsonBody, parseWith, requireApiKey, requireJsonBody } from '../http';
import { documentSummaryView, documentView } from './document-view';
import { listQuerySchema, sendBodySchema, shopIdParamsSchema } from './document-schemas';
import type { DocumentDetail, DocumentService } from './document-service';
import type { DocumentKind } from './document-types';

export interface DocumentRoutesDeps {
  service: DocumentService;
  apiKeys: readonly string[];
}

/** The URL path of each kind under /api/v1. */
export const KIND_PATHS: Record<DocumentKind, string> = { invoice: 'invoices', refund: 'refunds' };

const ACTOR = 'api';

function sendDetail(res: Response, status: number, detail: DocumentDetail): void {
  res.status(status).json(documentView(detail.document, detail.history));
}

function shopId(req: Request): string {
  return parseWith(shopIdParamsSchema, req.params, 'path').id;
}

function kindRoutes(router: Router, kind: DocumentKind, deps: DocumentRoutesDeps): void {
  const base = `/${KIND_PATHS[kind]}`;
  const auth = requireApiKey(deps.apiKeys);

  router.post(base, auth, async (req, res) => {
    const result = await deps.service.accept(kind, requireJsonBody(req), { actor: ACTOR });
    res.location(`/api/v1${base}/${encodeURIComponent(result.detail.document.shopId)}`);
    sendDetail(res, result.created ? 201 : 200, result.detail);
  });

  router.get(`${base}/:id`, auth, async (req, res) => {
    sendDetail(res, 200, await deps.service.get(kind, shopId(req)));
  });

  router.post(`${base}/:id/send`, auth, async (req, res) => {
    const id = shopId(req);
    const body = parseWith(sendBodySchema, optionalJsonBody(req) ?? {});
    const detail = await deps.service.send(kind, id, { newId: body.newId, actor: ACTOR });
    sendDetail(res, 200, detail);
  });

  router.post(`${base}/:id/refresh`, auth, async (req, res) => {
    sendDetail(res, 200, await deps.service.refresh(kind, shopId(req), { actor: ACTOR }));
  });
}

/** The shop API: invoices, refunds, their list, manual send and refresh (mount at /api/v1). */
export function createDocumentRoutes(deps: DocumentRoutesDeps): Router {
  const router = Router();
  kindRoutes(router, 'invoice', deps);
  kindRoutes(router, 'refund', deps);

  router.get('/documents', requireApiKey(deps.apiKeys), async (req, res) => {
    const result = await deps.service.list(parseWith(listQuerySchema, req.query, 'query'));
    res.json({
      documents: result.items.map((item) =>
        documentSummaryView(item.document, item.lastTransaction),
      ),
      nextCursor: result.nextCursor === undefined ? null : String(result.nextCursor),
    });
  });
  return router;
}
