import { compareDates, formatDate, padDigits, type CalendarDate } from './calendar-date';

/** The wall clock in a time zone at some instant: month 1–12, hour 0–23. */
export interface WallClock extends Readonly<CalendarDate> {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** The wall clock as zero-padded text fields: year of 4 digits, the others of 2. */
export type ZonedParts = { readonly [Key in keyof WallClock]: string };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23', // 00–23: some ICU versions write midnight as 24 with hour12: false
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

/** Whether `zone` is an IANA time zone name this runtime knows, such as Europe/Moscow. */
export function isTimeZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

// Formatting is the costliest step of the emulator's fast answers, which come many per second;
// the wall clock changes once a second, so the last reading is kept.
let lastReading: { second: number; timeZone: string; wall: WallClock } | undefined;

/** The wall clock in `timeZone` at `instant` (a Date or epoch milliseconds). */
export function wallClockAt(instant: Date | number, timeZone: string): WallClock {
  const second = Math.floor(Number(instant) / 1000);
  if (lastReading?.second === second && lastReading.timeZone === timeZone) return lastReading.wall;

  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(second * 1000)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall: WallClock = {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
  lastReading = { second, timeZone, wall };
  return wall;
}

/** The wall clock in `timeZone` at `instant` as zero-padded text fields. */
export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  const wall = wallClockAt(instant, timeZone);
  return {
    year: padDigits(wall.year, 4),
    month: padDigits(wall.month, 2),
    day: padDigits(wall.day, 2),
    hour: padDigits(wall.hour, 2),
    minute: padDigits(wall.minute, 2),
    second: padDigits(wall.second, 2),
  };
}

/**
 * `dd.mm.yyyy HH:MM:SS`, zero-padded, on the wall clock of `timeZone` (ATOL reference §1.3 and
 * §3.1, shop-api.md rule 10). Built from the parts, not from a locale's layout, which may change.
 */
export function formatAtolTimestamp(instant: Date, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${p.day}.${p.month}.${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

/** `YYYY-MM-DD HH:MM:SS` on the wall clock of `timeZone`. */
export function formatZonedDateTime(instant: Date, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** `YYYY-MM-DD HH:MM` on the wall clock of `timeZone`. */
export function formatZonedMinute(instant: Date, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** The calendar date in `timeZone` at `instant`. */
export function zonedDate(instant: Date, timeZone: string): CalendarDate {
  const { year, month, day } = wallClockAt(instant, timeZone);
  return { year, month, day };
}

/** How far the zone's clock is ahead of UTC at `instant`, in milliseconds (whole seconds). */
function offsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  const wall = wallClockAt(whole, timeZone);
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - whole;
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
