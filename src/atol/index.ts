export { createAtolClient, fieldsFromErrorText } from './atol-client';
export type { AtolClient, AtolClientOptions } from './atol-client';
export {
  classifyFailure,
  serviceErrorOf,
  serviceErrorRow,
  serviceErrorText,
  SERVICE_ERRORS,
  REPORT_FAILURES,
} from './atol-error-table';
export type { ServiceErrorAction, ServiceErrorRow } from './atol-error-table';
export { parseAtolReport, reportStateOf, atolReportSchema, atolErrorSchema } from './atol-report';
export { createAtolRequestLogStore } from './atol-request-log-store';
export type { AtolRequestLogStore, AtolRequestLogRow } from './atol-request-log-store';
export { createAtolTokenCache, TOKEN_TTL_MS } from './atol-token-cache';
export type { AtolTokenCache } from './atol-token-cache';
export type * from './atol-types';
