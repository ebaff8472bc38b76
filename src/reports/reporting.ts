import crypto from 'node:crypto';
import os from 'node:os';
import type { Config } from '../config/config-types';
import type { Logger } from '../logger/logger';
import { createMailer, createSmtpTransport } from '../mailer/mailer';
import { createReportJob, ReportJob } from './report-job';
import type { ReportRunStore } from './report-run-store';
import { createReportSender, ReportSender } from './report-sender';
import { createReportService, ReportService } from './report-service';
import type { ReportStore } from './report-store';

export type ReportingConfig = Pick<
  Config,
  | 'company'
  | 'publicUrl'
  | 'timeZone'
  | 'smtpUrl'
  | 'reportRecipients'
  | 'reportFrom'
  | 'reportSendEmpty'
  | 'reportStuckMinutes'
>;

export interface Reporting {
  /** Builds a report for any period (CLI, admin page, job). */
  reports: ReportService;
  /** Mails a report; absent without SMTP_URL or REPORT_RECIPIENTS. */
  reportSender: ReportSender | undefined;
  /** The scheduled daily and weekly e-mails; absent when reports cannot be mailed. */
  reportJob: ReportJob | undefined;
}

export interface ReportingDeps {
  stores: { reportFigures: ReportStore; reportRuns: ReportRunStore };
  logger: Logger;
}

/** The reports area as the composition root wires it: `...createReporting(config, deps)`. */
export function createReporting(config: ReportingConfig, deps: ReportingDeps): Reporting {
  const reports = createReportService({
    store: deps.stores.reportFigures,
    companyKey: config.company.key,
    publicUrl: config.publicUrl,
    stuckAfterMinutes: config.reportStuckMinutes,
  });
  if (config.smtpUrl === undefined || config.reportRecipients.length === 0) {
    return { reports, reportSender: undefined, reportJob: undefined };
  }

  const mailer = createMailer({
    transport: createSmtpTransport(config.smtpUrl),
    from: config.reportFrom,
  });
  const reportSender = createReportSender({ mailer, recipients: config.reportRecipients });
  const reportJob = createReportJob({
    runs: deps.stores.reportRuns,
    reports,
    sender: reportSender,
    companyKey: config.company.key,
    timeZone: config.timeZone,
    sendEmpty: config.reportSendEmpty,
    logger: deps.logger,
    owner: `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`,
  });
  return { reports, reportSender, reportJob };
}
