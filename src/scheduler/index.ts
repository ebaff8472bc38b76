export { createScheduler } from './scheduler';
export type { Scheduler, ScheduledJob, SchedulerOptions } from './scheduler';
export { buildSchedule } from './schedule';
export type { ScheduleServices } from './schedule';
