import { Command } from 'commander';
import { serviceVersion } from '../http/health-routes';
import { reportError } from './cli-context';
import { configCommand } from './config-check';
import { emulatorCommand } from './emulator';
import { migrateCommand } from './migrate';
import { previewCommand } from './preview';
import { reportCommand } from './report';
import { refundCommand } from './refund';
import { serveCommand } from './serve';
import { sellCommand } from './sell';
import { updateCommand } from './update';

/** The `kkm` program with every command registered. */
export function createProgram(): Command {
  const program = new Command('kkm')
    .description('Fiscalization gateway: shop invoices and refunds to ATOL Online receipts')
    .version(serviceVersion)
    .showHelpAfterError();

  // Every command, one line each. A command lives in its own file in src/cli/ and exports a
  // factory returning a commander Command.
  program.addCommand(serveCommand());
  program.addCommand(migrateCommand());
  program.addCommand(configCommand());
  program.addCommand(reportCommand());
  program.addCommand(emulatorCommand());
  program.addCommand(sellCommand());
  program.addCommand(refundCommand());
  program.addCommand(previewCommand());
  program.addCommand(updateCommand());

  return program;
}

createProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    reportError(error);
    process.exitCode = 1;
  });
