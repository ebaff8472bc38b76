/** The default pause between tries, in seconds: 1, 5, 15, 30 and 60 minutes, then hourly. */
export const DEFAULT_RETRY_SCHEDULE_SECONDS: readonly number[] = [60, 300, 900, 1800, 3600];

/**
 * Seconds to wait before the next try after `failures` failed ones (1 = the first failure).
 * The schedule's last value repeats, so the retries never stop before the try limit does.
 */
export function retryDelaySeconds(schedule: readonly number[], failures: number): number {
  const steps = schedule.length > 0 ? schedule : DEFAULT_RETRY_SCHEDULE_SECONDS;
  const index = Math.min(Math.max(failures, 1), steps.length) - 1;
  return steps[index] ?? 0;
}

/** True when an attempt that has been tried `tries` times may not be tried again. */
export function isOutOfTries(tries: number, maxTries: number): boolean {
  return tries >= maxTries;
}
