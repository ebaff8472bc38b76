import type { Config } from '../config/config-types';
import type { ScheduledJob } from './scheduler';

/**
 * The services the scheduled jobs call, as the schedule sees them: only the method each row
 * needs, typed structurally so this file imports no area code. A row whose service is absent
 * (not built yet, or not wired in this process) is left out.
 */
export interface ScheduleServices {
  /** Status updates: asks ATOL about transactions whose poll is due. */
  statusPoller?: { pollDue(): Promise<unknown> };
  /** Reports: the daily and weekly e-mail reports. */
  reports?: { sendDailyReport(): Promise<unknown>; sendWeeklyReport(): Promise<unknown> };
}

/**
 * THE schedule table: every cron job the service runs, one row each — name, expression (from
 * the config, `off` disables) and the service method it calls. Add new jobs here.
 */
export function buildSchedule(
  config: Pick<Config, 'schedule'>,
  services: ScheduleServices,
): ScheduledJob[] {
  const { statusPoller, reports } = services;
  const { schedule } = config;
  const rows: Array<ScheduledJob | false | undefined> = [
    statusPoller && {
      name: 'status-poller',
      cron: schedule.poller,
      run: () => statusPoller.pollDue(),
    },
    reports && {
      name: 'daily-report',
      cron: schedule.dailyReport,
      run: () => reports.sendDailyReport(),
    },
    reports && {
      name: 'weekly-report',
      cron: schedule.weeklyReport,
      run: () => reports.sendWeeklyReport(),
    },
  ];
  return rows.filter((row): row is ScheduledJob => Boolean(row));
}
