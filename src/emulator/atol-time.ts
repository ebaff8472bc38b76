/** Wall-clock parts of an instant in a time zone. */
export interface ZonedParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

// Formatting is the costliest step of a fast answer, and answers come many per second.
let lastParts: { second: number; timeZone: string; parts: ZonedParts } | undefined;

/** The instant's date and time as read on a clock in `timeZone`. */
export function zonedParts(date: Date, timeZone: string): ZonedParts {
  const second = Math.floor(date.getTime() / 1000);
  if (lastParts?.second === second && lastParts.timeZone === timeZone) return lastParts.parts;
  const parts = formatParts(date, timeZone);
  lastParts = { second, timeZone, parts };
  return parts;
}

function formatParts(date: Date, timeZone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(date)) parts[part.type] = part.value;
  return {
    year: parts.year ?? '',
    month: parts.month ?? '',
    day: parts.day ?? '',
    hour: parts.hour ?? '',
    minute: parts.minute ?? '',
    second: parts.second ?? '',
  };
}

/** ATOL's `dd.mm.yyyy HH:MM:SS` (reference §1.3). */
export function atolTimestamp(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${p.day}.${p.month}.${p.year} ${p.hour}:${p.minute}:${p.second}`;
}
