import { Command } from 'commander';
import { startServer, stopOnFatalErrors, stopOnSignals } from '../server';
import { createRootLogger } from '../main';
import { action, loadCliConfig } from './cli-context';

// After a clean shutdown nothing should keep the process alive; if a stray timer or socket
// does, this bound stops it waiting forever.
const EXIT_GRACE_MS = 3000;

export function serveCommand(): Command {
  return new Command('serve')
    .description('run the HTTP service, the send queue and the scheduled jobs')
    .option('-p, --port <port>', 'listen on this port instead of PORT')
    .action(
      action(async (options: { port?: string }) => {
        const config = loadCliConfig(options.port === undefined ? {} : { PORT: options.port });
        const logger = createRootLogger(config);

        const started = startServer(config, logger);
        const exit = (code: number): void => {
          process.exitCode = code;
          setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
        };
        stopOnSignals(started, exit);
        stopOnFatalErrors(started, logger, exit);
        await started;
      }),
    );
}
