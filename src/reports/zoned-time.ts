// The zoned-time helpers moved to src/time, shared by every area. This re-export stays only for
// bench/scenarios/report.ts, which its owners are still changing; import from src/time instead.
export { addDays, formatDate, type CalendarDate } from '../time/calendar-date';
export { startOfZonedDay, zonedDate } from '../time/zoned-time';
