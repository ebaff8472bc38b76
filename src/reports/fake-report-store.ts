import type { FailureRow, ReportStore, StatusRow, StuckRow } from './report-store';

/** A report store that answers with the rows it was given, for unit tests. */
export class FakeReportStore implements ReportStore {
  constructor(
    readonly rows: { status?: StatusRow[]; failures?: FailureRow[]; stuck?: StuckRow[] } = {},
  ) {}

  countByStatus(): Promise<StatusRow[]> {
    return Promise.resolve(this.rows.status ?? []);
  }

  listFailures(_query: unknown, limit: number): Promise<FailureRow[]> {
    return Promise.resolve((this.rows.failures ?? []).slice(0, limit));
  }

  countStuck(): Promise<number> {
    return Promise.resolve((this.rows.stuck ?? []).length);
  }

  listStuck(_companyKey: string, _before: Date, limit: number): Promise<StuckRow[]> {
    return Promise.resolve((this.rows.stuck ?? []).slice(0, limit));
  }
}
