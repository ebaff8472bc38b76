import { type RequestHandler, Router } from 'express';
import { requireJsonBody } from '../http';
import { DOCUMENT_KINDS } from './receipt-enums';
import type { PreviewService } from './preview-service';

export interface PreviewRouterDeps {
  preview: PreviewService;
  /** The shop API key check (`requireApiKey(config.shopApiKeys)`), run before each route. */
  authenticate: RequestHandler;
}

/**
 * `POST /preview/invoice` and `POST /preview/refund` (shop-api.md "Preview"), mounted by the app
 * under /api/v1 behind the API key. Answers `{ operation, apiVersion, request, testCompany,
 * notes }`; refused documents reach the error handler as 400/422 with their field paths.
 */
export function createPreviewRouter(deps: PreviewRouterDeps): Router {
  const router = Router();
  for (const kind of DOCUMENT_KINDS) {
    router.post(`/preview/${kind}`, deps.authenticate, async (req, res) => {
      res.json(await deps.preview.previewAsPosted(kind, requireJsonBody(req)));
    });
  }
  return router;
}
