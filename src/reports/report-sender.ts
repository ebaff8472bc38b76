import type { Mailer } from '../mailer/mailer';
import { renderReportEmail } from './report-email';
import type { Report } from './report-types';

/** Renders a report as an e-mail and mails it to the report recipients. */
export interface ReportSender {
  send(report: Report): Promise<{ messageId?: string; subject: string }>;
}

export function createReportSender(options: {
  mailer: Mailer;
  recipients: readonly string[];
}): ReportSender {
  return {
    async send(report) {
      const email = await renderReportEmail(report);
      const sent = await options.mailer.send({ to: options.recipients, ...email });
      return { ...sent, subject: email.subject };
    },
  };
}
