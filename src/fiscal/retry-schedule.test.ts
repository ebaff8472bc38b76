import { DEFAULT_RETRY_SCHEDULE_SECONDS, isOutOfTries, retryDelaySeconds } from './retry-schedule';

describe('retry schedule', () => {
  it('when tries fail one after another, then the delays follow the schedule and the last repeats', () => {
    const schedule = [60, 300, 900];

    const delays = [1, 2, 3, 4, 10].map((failures) => retryDelaySeconds(schedule, failures));

    expect(delays).toEqual([60, 300, 900, 900, 900]);
  });

  it('when the schedule is empty, then the default one applies', () => {
    expect(retryDelaySeconds([], 1)).toBe(DEFAULT_RETRY_SCHEDULE_SECONDS[0]);
    expect(retryDelaySeconds([], 99)).toBe(3600);
  });

  it('when fractions of a second are configured (tests), then they are kept', () => {
    expect(retryDelaySeconds([0.2, 0.5], 1)).toBe(0.2);
    expect(retryDelaySeconds([0.2, 0.5], 5)).toBe(0.5);
  });

  it('when an attempt has used max tries, then it is out of tries', () => {
    expect(isOutOfTries(9, 10)).toBe(false);
    expect(isOutOfTries(10, 10)).toBe(true);
  });
});
