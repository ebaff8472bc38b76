import type { CheckResult, UpdateSummary } from './status-types';

/** Counts a run's results by the status each transaction ended in. */
export function summarize(results: readonly CheckResult[], durationMs: number): UpdateSummary {
  const byStatus: UpdateSummary['byStatus'] = { wait: 0, done: 0, fail: 0, no_result: 0 };
  for (const result of results) byStatus[result.status] += 1;
  return {
    total: results.length,
    changed: results.filter((result) => result.changed).length,
    byStatus,
    durationMs,
  };
}
