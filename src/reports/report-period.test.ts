import { namedPeriod, periodFromBounds, rangePeriod } from './report-period';
import { parseDate } from '../time/calendar-date';
import { startOfZonedDay } from '../time/zoned-time';

const iso = (date: Date): string => date.toISOString();

describe('report periods', () => {
  it('when it is 00:30 in Moscow, then "today" is the Moscow day that began 30 minutes ago', () => {
    const period = namedPeriod('today', new Date('2026-12-03T21:30:00Z'), 'Europe/Moscow');

    expect(period.firstDay).toBe('2026-12-04');
    expect(iso(period.start)).toBe('2026-12-03T21:00:00.000Z');
    expect(iso(period.end)).toBe('2026-12-04T21:00:00.000Z');
  });

  it('when it is 23:50 in Moscow, then "yesterday" is the day before that Moscow day', () => {
    const period = namedPeriod('yesterday', new Date('2026-12-03T20:50:00Z'), 'Europe/Moscow');

    expect([period.firstDay, period.lastDay]).toEqual(['2026-12-02', '2026-12-02']);
    expect(iso(period.start)).toBe('2026-12-01T21:00:00.000Z');
    expect(iso(period.end)).toBe('2026-12-02T21:00:00.000Z');
  });

  it.each([
    ['Monday morning', '2026-12-07T05:00:00Z'],
    ['Sunday night', '2026-12-13T20:00:00Z'],
    ['Wednesday', '2026-12-09T12:00:00Z'],
  ])('when the week is asked on %s, then it is the last full Monday-to-Sunday week', (_, now) => {
    const period = namedPeriod('week', new Date(now), 'Europe/Moscow');

    expect([period.firstDay, period.lastDay]).toEqual(['2026-11-30', '2026-12-06']);
    expect(iso(period.start)).toBe('2026-11-29T21:00:00.000Z');
    expect(iso(period.end)).toBe('2026-12-06T21:00:00.000Z');
  });

  it('when clocks go forward in Berlin, then that day is 23 hours long', () => {
    const period = rangePeriod('2026-03-29', '2026-03-29', 'Europe/Berlin');

    expect(iso(period.start)).toBe('2026-03-28T23:00:00.000Z');
    expect(iso(period.end)).toBe('2026-03-29T22:00:00.000Z');
  });

  it('when clocks go back in Berlin, then that day is 25 hours long', () => {
    const period = rangePeriod('2026-10-25', '2026-10-25', 'Europe/Berlin');

    expect(iso(period.start)).toBe('2026-10-24T22:00:00.000Z');
    expect(iso(period.end)).toBe('2026-10-25T23:00:00.000Z');
  });

  it('when a zone skips midnight itself, then the day starts at the jump', () => {
    // São Paulo moved clocks from 00:00 to 01:00 on 4 November 2018.
    const start = startOfZonedDay({ year: 2018, month: 11, day: 4 }, 'America/Sao_Paulo');

    expect(iso(start)).toBe('2018-11-04T03:00:00.000Z');
  });

  it('when a zone repeats the hour before midnight, then the day starts after the repeat', () => {
    // São Paulo moved clocks from 00:00 back to 23:00 of the day before on 17 February 2019.
    const start = startOfZonedDay({ year: 2019, month: 2, day: 17 }, 'America/Sao_Paulo');

    expect(iso(start)).toBe('2019-02-17T03:00:00.000Z');
  });

  it('when a range is given, then both days are included', () => {
    const period = rangePeriod('2026-12-01', '2026-12-03', 'Europe/Moscow');

    expect(iso(period.start)).toBe('2026-11-30T21:00:00.000Z');
    expect(iso(period.end)).toBe('2026-12-03T21:00:00.000Z');
  });

  it('when a range is malformed or reversed, then every problem is named', () => {
    expect(() => rangePeriod('2026-02-30', 'soon', 'Europe/Moscow')).toThrow(
      expect.objectContaining({
        fields: [
          { path: 'from', message: 'expected a date YYYY-MM-DD' },
          { path: 'to', message: 'expected a date YYYY-MM-DD' },
        ],
      }),
    );
    expect(() => rangePeriod('2026-12-03', '2026-12-01', 'Europe/Moscow')).toThrow(
      expect.objectContaining({ fields: [{ path: 'to', message: 'must not be before from' }] }),
    );
  });

  it('when a period is rebuilt from its stored bounds, then its days are the same', () => {
    const week = namedPeriod('week', new Date('2026-12-07T05:00:00Z'), 'Europe/Moscow');

    const rebuilt = periodFromBounds('week', week.start, week.end, 'Europe/Moscow');

    expect(rebuilt).toEqual(week);
  });

  it('when a date does not exist, then it is not parsed', () => {
    expect(parseDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseDate('2026-02-29')).toBeUndefined();
    expect(parseDate('2026-1-01')).toBeUndefined();
  });
});
