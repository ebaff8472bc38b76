/** A calendar date with no time zone: month 1–12. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
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

/** Negative, zero or positive as `a` is before, on or after `b`. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** `value` as decimal text, zero-padded on the left to `width` digits. */
export function padDigits(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** `YYYY-MM-DD`. */
export function formatDate(date: CalendarDate): string {
  return `${padDigits(date.year, 4)}-${padDigits(date.month, 2)}-${padDigits(date.day, 2)}`;
}

/** Parses `YYYY-MM-DD`, refusing dates that do not exist (2026-02-30). */
export function parseDate(text: string): CalendarDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return compareDates(addDays(date, 0), date) === 0 ? date : undefined;
}
