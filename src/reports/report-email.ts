import fs from 'node:fs';
import path from 'node:path';
import mjml2html from 'mjml';
import { renderTemplate } from '../mailer/template';
import { templatesDir } from '../paths';
import { renderReportText } from './report-text';
import type { Report } from './report-types';
import { toReportView, ReportView } from './report-view';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const templateFile = path.join(templatesDir, 'report-email.mjml');
let templateText: string | undefined;

function template(): string {
  templateText ??= fs.readFileSync(templateFile, 'utf8');
  return templateText;
}

/** `[kkm] Daily report 2026-12-03: 118 done, 2 failed, 1 stuck`. */
export function reportSubject(view: ReportView, counts: Report['counts']): string {
  const head = `[kkm] ${view.title} ${view.periodLabel}`;
  if (view.isEmpty) return `${head}: nothing to report`;
  const parts = [`${counts.total} documents`, `${counts.done} done`, `${counts.failed} failed`];
  if (counts.wait > 0) parts.push(`${counts.wait} waiting`);
  if (counts.notSent > 0) parts.push(`${counts.notSent} not sent`);
  if (view.stuckCount > 0) parts.push(`${view.stuckCount} stuck`);
  return `${head}: ${parts.join(', ')}`;
}

/**
 * Renders the report e-mail: a pure function of the report (the template file is read once).
 * Every value is HTML-escaped by the template; strict MJML validation makes a broken template
 * fail loudly instead of sending a mangled e-mail.
 */
export async function renderReportEmail(report: Report): Promise<RenderedEmail> {
  const view = toReportView(report);
  const subject = reportSubject(view, report.counts);
  const preview = view.isEmpty
    ? 'Nothing to report'
    : `${report.counts.failed} failed, ${view.stuckCount} stuck`;
  const mjml = renderTemplate(template(), { ...view, subject, preview });
  const result = await mjml2html(mjml, { validationLevel: 'strict', filePath: templateFile });
  return { subject, text: renderReportText(view), html: result.html };
}
