/** A calendar date with no time zone: month 1–12. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

interface WallClock extends CalendarDate {
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock in `timeZone` at `instant`. */
function wallClockAt(instant: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

function wallAsUtc(wall: WallClock): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/** How far the zone's clock is ahead of UTC at `instant`, in milliseconds (whole seconds). */
function offsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return wallAsUtc(wallClockAt(whole, timeZone)) - whole;
}

/** The calendar date in `timeZone` at `instant`. */
export function zonedDate(instant: Date, timeZone: string): CalendarDate {
  const { year, month, day } = wallClockAt(instant.getTime(), timeZone);
  return { year, month, day };
}

/** `date` moved by `days` calendar days (pure calendar arithmetic, no zone involved). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** ISO weekday: Monday 1 … Sunday 7. */
export function isoWeekday(date: CalendarDate): number {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/**
 * The first instant of `date` in `timeZone`. Local midnight is tried with the zone offsets in
 * force the day before, at and after it, and the earliest candidate that falls on `date` wins.
 * That handles both DST cases: where midnight repeats (the earliest one), and where midnight
 * does not exist because clocks jump from 00:00 to 01:00 (the day then starts at the jump).
 */
export function startOfZonedDay(date: CalendarDate, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day);
  const day = 86_400_000;
  const offsets = new Set([-day, 0, day].map((shift) => offsetAt(wall + shift, timeZone)));
  const candidates = [...offsets]
    .map((offset) => wall - offset)
    .filter((instant) => compareDates(zonedDate(new Date(instant), timeZone), date) === 0)
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first === undefined) throw new RangeError(`cannot find midnight of ${formatDate(date)}`);
  return new Date(first);
}

/** `YYYY-MM-DD`. */
export function formatDate(date: CalendarDate): string {
  const pad = (value: number, width: number): string => String(value).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** Parses `YYYY-MM-DD`, refusing dates that do not exist (2026-02-30). */
export function parseDate(text: string): CalendarDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return compareDates(addDays(date, 0), date) === 0 ? date : undefined;
}

/** The wall-clock time of `instant` in `timeZone`, as `YYYY-MM-DD HH:MM`. */
export function formatZonedMinute(instant: Date, timeZone: string): string {
  const wall = wallClockAt(instant.getTime(), timeZone);
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${formatDate(wall)} ${pad(wall.hour)}:${pad(wall.minute)}`;
}
