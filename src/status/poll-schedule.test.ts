import { GIVE_UP_AFTER_MS, isPastGivingUp, nextPollDelayMs } from './poll-schedule';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

describe('nextPollDelayMs', () => {
  it.each([
    [10 * SECOND, 5 * SECOND],
    [2 * MINUTE, 30 * SECOND],
    [30 * MINUTE, 5 * MINUTE],
    [3 * 60 * MINUTE, 15 * MINUTE],
  ])('when a transaction is %i ms old, then the next poll is %i ms later', (age, delay) => {
    expect(nextPollDelayMs(age)).toBe(delay);
  });

  it('when the age grows, then the delay never shrinks', () => {
    const ages = Array.from({ length: 200 }, (_, index) => index * 10 * MINUTE);
    const delays = ages.map(nextPollDelayMs);
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
  });
});

describe('isPastGivingUp', () => {
  it('when a transaction waited less than a day, then polling goes on', () => {
    expect(isPastGivingUp(GIVE_UP_AFTER_MS - 1)).toBe(false);
    expect(GIVE_UP_AFTER_MS).toBeGreaterThanOrEqual(24 * 60 * MINUTE);
  });

  it('when a transaction waited a day, then the poller gives up', () => {
    expect(isPastGivingUp(GIVE_UP_AFTER_MS)).toBe(true);
  });
});
