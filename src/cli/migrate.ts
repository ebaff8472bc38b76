import { Command } from 'commander';
import type { Knex } from 'knex';
import { openDatabase } from '../main';
import { action, createCliLogger, loadCliConfig } from './cli-context';

/** Opens the configured database without migrating, runs `fn`, closes the pool. */
async function withKnex<T>(fn: (knex: Knex) => Promise<T>): Promise<T> {
  const config = loadCliConfig();
  const db = await openDatabase(config, createCliLogger(config), false);
  try {
    return await fn(db.knex);
  } finally {
    await db.close();
  }
}

/** knex lists applied migrations as `{ name }` and pending ones as our `[name, module]` pairs. */
function nameOf(entry: unknown): string {
  if (Array.isArray(entry)) return String(entry[0]);
  if (typeof entry === 'object' && entry !== null && 'name' in entry) return String(entry.name);
  return String(entry);
}

async function status(knex: Knex, json: boolean): Promise<number> {
  const [done, pending] = (await knex.migrate.list()) as [unknown[], unknown[]];
  const applied = done.map(nameOf);
  const waiting = pending.map(nameOf);
  if (json) {
    console.log(JSON.stringify({ applied, pending: waiting }, null, 2));
    return 0;
  }
  for (const name of applied) console.log(`applied  ${name}`);
  for (const name of waiting) console.log(`pending  ${name}`);
  console.log(`${applied.length} applied, ${waiting.length} pending`);
  return 0;
}

export function migrateCommand(): Command {
  const command = new Command('migrate').description('apply, undo or list database migrations');

  command
    .command('up')
    .description('apply every pending migration')
    .action(
      action(() =>
        withKnex(async (knex) => {
          const [batch, names] = (await knex.migrate.latest()) as [number, string[]];
          if (names.length === 0) console.log('Already up to date');
          else console.log(`Batch ${batch}: applied ${names.join(', ')}`);
        }),
      ),
    );

  command
    .command('down')
    .description('undo the last batch of migrations (all of them with --all)')
    .option('--all', 'undo every migration')
    .action(
      action((options: { all?: boolean }) =>
        withKnex(async (knex) => {
          const [, names] = (await knex.migrate.rollback(undefined, options.all === true)) as [
            number,
            string[],
          ];
          console.log(names.length === 0 ? 'Nothing to undo' : `Undone ${names.join(', ')}`);
        }),
      ),
    );

  command
    .command('status')
    .description('list applied and pending migrations')
    .option('--json', 'print JSON')
    .action(
      action((options: { json?: boolean }) =>
        withKnex((knex) => status(knex, options.json === true)),
      ),
    );

  return command;
}
