import { Command } from 'commander';
import { ValidationError } from '../errors/errors';
import { namedPeriod, rangePeriod, ReportPeriod } from '../reports/report-period';
import { renderReportText } from '../reports/report-text';
import { toReportView } from '../reports/report-view';
import { action, withContext } from './cli-context';

interface ReportCliOptions {
  from?: string;
  to?: string;
  email?: boolean;
  json?: boolean;
}

const PERIOD_NAMES = ['today', 'yesterday', 'week'] as const;
type NamedPeriod = (typeof PERIOD_NAMES)[number];

function isPeriodName(value: string): value is NamedPeriod {
  return (PERIOD_NAMES as readonly string[]).includes(value);
}

/** The period asked for: a name, or --from (and --to, which defaults to --from). */
function choosePeriod(
  name: string | undefined,
  options: ReportCliOptions,
  timeZone: string,
): ReportPeriod {
  if (options.from !== undefined || options.to !== undefined) {
    if (name !== undefined) {
      throw new ValidationError('Give a period name or --from/--to, not both', [
        { path: 'period', message: 'not allowed with --from/--to' },
      ]);
    }
    const from = options.from ?? options.to ?? '';
    return rangePeriod(from, options.to ?? from, timeZone);
  }
  const chosen = name ?? 'yesterday';
  if (!isPeriodName(chosen)) {
    throw new ValidationError(`Unknown period "${chosen}": use today, yesterday or week`, [
      { path: 'period', message: 'expected today, yesterday or week' },
    ]);
  }
  return namedPeriod(chosen, new Date(), timeZone);
}

export function reportCommand(): Command {
  return new Command('report')
    .description('figures, failures and stuck documents for a period, in TIME_ZONE')
    .argument('[period]', 'today, yesterday (default) or week (last Monday to Sunday)')
    .option('--from <date>', 'first day, YYYY-MM-DD')
    .option('--to <date>', 'last day included, YYYY-MM-DD (default: --from)')
    .option('--email', 'also mail the report to REPORT_RECIPIENTS')
    .option('--json', 'print the report as JSON')
    .action(
      action((name: string | undefined, options: ReportCliOptions) =>
        withContext(async ({ config, services }) => {
          const period = choosePeriod(name, options, config.timeZone);
          const report = await services.reports.buildReport(period, new Date());

          if (options.json) console.log(JSON.stringify(report, null, 2));
          else process.stdout.write(renderReportText(toReportView(report)));

          if (!options.email) return 0;
          if (!services.reportSender) {
            console.error('kkm: --email needs SMTP_URL and REPORT_RECIPIENTS');
            return 1;
          }
          const sent = await services.reportSender.send(report);
          const recipients = config.reportRecipients.join(', ');
          console.error(`Sent "${sent.subject}" to ${recipients}`);
          return 0;
        }),
      ),
    );
}
