import { Command } from 'commander';
import { ConfigError } from '../config/config-error';
import { printableConfig } from '../config/printable-config';
import { action, loadCliConfig, reportError } from './cli-context';

/** `atol.login = v4-online-atol-ru` lines, one per setting, in the Config's own order. */
function flatten(value: unknown, prefix = ''): string[] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([key, item]) =>
      flatten(item, prefix === '' ? key : `${prefix}.${key}`),
    );
  }
  return [`${prefix} = ${Array.isArray(value) ? value.join(',') : String(value)}`];
}

export function configCommand(): Command {
  const command = new Command('config').description('inspect the configuration');

  command
    .command('check')
    .description('validate the configuration and print it with secrets masked')
    .option('--json', 'print JSON')
    .action(
      action(async (options: { json?: boolean }) => {
        let config;
        try {
          config = loadCliConfig();
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error;
          reportError(error);
          return 1;
        }
        const { notices, ...settings } = printableConfig(config);
        if (options.json) {
          console.log(JSON.stringify({ ...settings, notices }, null, 2));
          return 0;
        }
        for (const line of flatten(settings)) console.log(line);
        for (const notice of notices) console.log(`note: ${notice}`);
        console.log('Configuration is valid');
        return 0;
      }),
    );

  return command;
}
