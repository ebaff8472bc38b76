/** What the load generator process is asked to do. */
export interface LoadRequest {
  url: string;
  path: string;
  headers: Record<string, string>;
  connections: number;
  /** Seconds of load; ignored when `amount` is given. */
  seconds?: number;
  /** Exactly this many requests. */
  amount?: number;
  /** Each request posts `invoiceBody(idPrefix + n, lines)`: every document is a new one. */
  idPrefix: string;
  lines: number;
}

/** The load generator's summary. */
export interface LoadResult {
  requests: number;
  /** Mean requests per second over the run. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  durationMs: number;
}
