import { ValidationError } from '../errors/errors';
import { addDays, CalendarDate, formatDate, isoWeekday, parseDate } from '../time/calendar-date';
import { startOfZonedDay, zonedDate } from '../time/zoned-time';

/** The named periods a report can cover; `range` is an explicit `--from`/`--to`. */
export type PeriodName = 'today' | 'yesterday' | 'week' | 'range';

/** A half-open interval [start, end) of whole days in one time zone. */
export interface ReportPeriod {
  name: PeriodName;
  timeZone: string;
  /** First day, `YYYY-MM-DD`, in the zone. */
  firstDay: string;
  /** Last day included, `YYYY-MM-DD`, in the zone. */
  lastDay: string;
  start: Date;
  end: Date;
}

function periodOf(
  name: PeriodName,
  first: CalendarDate,
  last: CalendarDate,
  timeZone: string,
): ReportPeriod {
  return {
    name,
    timeZone,
    firstDay: formatDate(first),
    lastDay: formatDate(last),
    start: startOfZonedDay(first, timeZone),
    end: startOfZonedDay(addDays(last, 1), timeZone),
  };
}

/**
 * The period called `name` as seen at `now` in `timeZone`: today, yesterday, or last week —
 * the last complete week, Monday to Sunday (on a Monday, the week that ended last night).
 */
export function namedPeriod(
  name: Exclude<PeriodName, 'range'>,
  now: Date,
  timeZone: string,
): ReportPeriod {
  const today = zonedDate(now, timeZone);
  if (name === 'today') return periodOf(name, today, today, timeZone);
  if (name === 'yesterday') {
    const yesterday = addDays(today, -1);
    return periodOf(name, yesterday, yesterday, timeZone);
  }
  const thisMonday = addDays(today, 1 - isoWeekday(today));
  return periodOf(name, addDays(thisMonday, -7), addDays(thisMonday, -1), timeZone);
}

function invalidPeriod(fields: Array<{ path: string; message: string }>): ValidationError {
  const problems = fields.map((field) => `${field.path} ${field.message}`).join('; ');
  return new ValidationError(`Invalid report period: ${problems}`, fields);
}

/** Days from `from` to `to`, both included (`YYYY-MM-DD` in `timeZone`). */
export function rangePeriod(from: string, to: string, timeZone: string): ReportPeriod {
  const first = parseDate(from);
  const last = parseDate(to);
  const fields = [
    ...(first ? [] : [{ path: 'from', message: 'expected a date YYYY-MM-DD' }]),
    ...(last ? [] : [{ path: 'to', message: 'expected a date YYYY-MM-DD' }]),
  ];
  if (!first || !last) throw invalidPeriod(fields);
  if (formatDate(first) > formatDate(last)) {
    throw invalidPeriod([{ path: 'to', message: 'must not be before from' }]);
  }
  return periodOf('range', first, last, timeZone);
}

/** Rebuilds a period from the bounds stored in a report run. */
export function periodFromBounds(
  name: PeriodName,
  start: Date,
  end: Date,
  timeZone: string,
): ReportPeriod {
  const first = zonedDate(start, timeZone);
  const last = addDays(zonedDate(end, timeZone), -1);
  return { ...periodOf(name, first, last, timeZone), start, end };
}

/** A short human label: `2026-12-03` or `2026-11-30 – 2026-12-06`. */
export function periodLabel(period: ReportPeriod): string {
  return period.firstDay === period.lastDay
    ? period.firstDay
    : `${period.firstDay} – ${period.lastDay}`;
}
