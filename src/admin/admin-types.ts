import type { DocumentHistoryStore } from '../documents/document-history-store';
import type { DocumentStore } from '../documents/document-store';
import type { Logger } from '../logger/logger';
import type { ReportService } from '../reports/report-service';
import type { AdminCredentials } from './admin-auth';
import type { RequestLogStore } from './request-log-store';

/** Which page of a list to show; pages count from 1. */
export interface PageRequest {
  page: number;
  pageSize: number;
}

/** One page of a list and the number of rows over all pages. */
export interface Page<T> {
  items: T[];
  total: number;
}

/**
 * The fiscal core's manual actions, the same ones the shop API's `…/send` and `…/refresh`
 * call. Both throw ConflictError (409) when the exactly-once rules refuse the action.
 */
export interface AdminFiscalPort {
  sendDocument(documentId: number, options: { newId: boolean; actor: string }): Promise<unknown>;
  refreshDocument(documentId: number, actor: string): Promise<unknown>;
}

/** Everything the admin pages read and call; built in the composition root. */
export interface AdminDeps {
  credentials: AdminCredentials;
  companyKey: string;
  timeZone: string;
  /** ATOL's public test company (sandbox): fiscal data links to the test OFD. */
  testCompany: boolean;
  documents: Pick<DocumentStore, 'findById' | 'list'>;
  history: Pick<DocumentHistoryStore, 'historyOf' | 'lastTransactions'>;
  requestLog: RequestLogStore;
  fiscal: AdminFiscalPort;
  reports: Pick<ReportService, 'buildReport'>;
  logger: Logger;
  now?: () => Date;
}
