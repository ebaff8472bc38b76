const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * ATOL gives a result in 4–6 s on a good day and fails a document that waited in its queue for
 * 300 s (reference §8), so polls are frequent at first and sparse later. The steps follow the
 * reference's recommended poller; ages count from the registration.
 */
const STEPS: ReadonlyArray<{ untilAgeMs: number; everyMs: number }> = [
  { untilAgeMs: MINUTE, everyMs: 5 * SECOND },
  { untilAgeMs: 5 * MINUTE, everyMs: 30 * SECOND },
  { untilAgeMs: HOUR, everyMs: 5 * MINUTE },
];
const LATE_EVERY_MS = 15 * MINUTE;

/** The first poll comes a few seconds after registration; usually the callback is first. */
export const FIRST_POLL_DELAY_SECONDS = 5;

/** After this long without a final status the document is failed for a person to look at. */
export const GIVE_UP_AFTER_MS = 24 * HOUR;

/** How long to wait before the next poll of a transaction registered `ageMs` ago. */
export function nextPollDelayMs(ageMs: number): number {
  const step = STEPS.find((candidate) => ageMs < candidate.untilAgeMs);
  return step?.everyMs ?? LATE_EVERY_MS;
}

/** True once a transaction has waited longer than any result can reasonably take. */
export function isPastGivingUp(ageMs: number): boolean {
  return ageMs >= GIVE_UP_AFTER_MS;
}
