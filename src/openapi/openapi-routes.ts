import { Router } from 'express';
import swaggerUi from 'swagger-ui-express';

/**
 * `GET /openapi.json` and a Swagger UI page at `/docs`. The page's scripts and styles come from
 * the swagger-ui-dist package, served by this process: no CDN, works offline.
 */
export function createOpenApiRoutes(document: Record<string, unknown>): Router {
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.use(
    '/docs',
    swaggerUi.serveFiles(document),
    swaggerUi.setup(document, { customSiteTitle: 'kkm shop API' }),
  );
  return router;
}
