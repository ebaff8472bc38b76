import type { RequestHandler, Response } from 'express';
import type { DocumentFilters } from '../documents/document-types';
import { ValidationError } from '../errors/errors';
import { parseWith } from '../http/validate';
import { namedPeriod } from '../reports/report-period';
import { addDays, parseDate } from '../time/calendar-date';
import { startOfZonedDay } from '../time/zoned-time';
import {
  DocumentListQuery,
  documentListQuerySchema,
  reportQuerySchema,
  requestLogQuerySchema,
} from './admin-schemas';
import type { AdminDeps } from './admin-types';
import { renderDocumentListPage } from './document-list-page';
import { renderReportPage } from './report-page';
import { renderRequestLogPage } from './request-log-page';

const DOCUMENTS_PER_PAGE = 50;
const REQUESTS_PER_PAGE = 50;

export interface ListHandlers {
  documents: RequestHandler;
  requests: RequestHandler;
  report: RequestHandler;
}

/** The first instant of a `YYYY-MM-DD` day in the zone, `days` later. */
function dayStart(text: string, days: number, timeZone: string, field: string): Date {
  const date = parseDate(text);
  if (!date)
    throw new ValidationError('Invalid filter', [{ path: field, message: 'no such date' }]);
  return startOfZonedDay(addDays(date, days), timeZone);
}

/** The documents filters of a list query; `to` is a whole day, so it ends at the next midnight. */
function documentFilters(query: DocumentListQuery, timeZone: string): DocumentFilters {
  const filters: DocumentFilters = { limit: DOCUMENTS_PER_PAGE };
  if (query.q) filters.search = query.q;
  if (query.kind) filters.kind = query.kind;
  if (query.status) filters.status = query.status;
  if (query.from) filters.from = dayStart(query.from, 0, timeZone, 'from');
  if (query.to) filters.to = dayStart(query.to, 1, timeZone, 'to');
  if (query.cursor !== undefined) filters.cursor = query.cursor;
  return filters;
}

/** The documents list, the ATOL request log and the report page. */
export function createListHandlers(deps: AdminDeps): ListHandlers {
  const userOf = (res: Response): string => String(res.locals.adminUser ?? '');
  const now = deps.now ?? (() => new Date());

  return {
    async documents(req, res) {
      const query = parseWith(documentListQuerySchema, req.query, 'query');
      const filters = documentFilters(query, deps.timeZone);

      const page = await deps.documents.list(deps.companyKey, filters);
      const ids = page.documents.map((document) => document.id);
      const lastTransactions = await deps.history.lastTransactions(ids);

      res.type('html').send(
        renderDocumentListPage({
          user: userOf(res),
          timeZone: deps.timeZone,
          query,
          documents: page.documents,
          lastTransactions,
          nextCursor: page.nextCursor,
        }),
      );
    },

    async requests(req, res) {
      const query = parseWith(requestLogQuerySchema, req.query, 'query');
      const filter = {
        document: query.document,
        documentId: query.documentId,
        onlyFailed: query.failed === '1',
        page: query.page ?? 1,
        pageSize: REQUESTS_PER_PAGE,
      };
      const page = await deps.requestLog.listRequests(filter);
      res
        .type('html')
        .send(renderRequestLogPage({ user: userOf(res), timeZone: deps.timeZone, filter, page }));
    },

    async report(req, res) {
      const query = parseWith(reportQuerySchema, req.query, 'query');
      const period = query.period ?? 'today';
      const at = now();
      const report = await deps.reports.buildReport(namedPeriod(period, at, deps.timeZone), at);
      res
        .type('html')
        .send(renderReportPage({ user: userOf(res), timeZone: deps.timeZone, period, report }));
    },
  };
}
