import { Command } from 'commander';
import cliProgress from 'cli-progress';
import type { CheckResult, UpdateProgress, UpdateSummary } from '../status/status-types';
import { action, loadCliConfig, withContext } from './cli-context';

interface UpdateCliOptions {
  json?: boolean;
}

/** Shows progress: a bar on a terminal, a line per twentieth otherwise, nothing for --json. */
function progressPrinter(json: boolean): {
  onProgress: (progress: UpdateProgress) => void;
  finish(): void;
} {
  if (json) return { onProgress: () => undefined, finish: () => undefined };
  if (process.stdout.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream: process.stdout, format: 'checking {bar} {value}/{total} | {eta}s left' },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      onProgress({ done, total }) {
        if (!started) bar.start(total, 0);
        started = true;
        bar.update(done);
      },
      finish: () => bar.stop(),
    };
  }
  return {
    onProgress({ done, total }) {
      const step = Math.max(1, Math.ceil(total / 20));
      if (done % step === 0 || done === total) console.log(`checked ${done}/${total}`);
    },
    finish: () => undefined,
  };
}

function printSummary(summary: UpdateSummary): void {
  const { byStatus } = summary;
  console.log(
    `${summary.total} checked in ${(summary.durationMs / 1000).toFixed(1)} s: ` +
      `${summary.changed} changed; done ${byStatus.done}, fail ${byStatus.fail}, ` +
      `still waiting ${byStatus.wait}, no result ${byStatus.no_result}`,
  );
}

function printOne(result: CheckResult): void {
  const changed = result.changed ? 'changed' : 'unchanged';
  console.log(`${result.uuid}: ATOL says ${result.outcome}; now ${result.status} (${changed})`);
}

/**
 * In sandbox mode ATOL is the emulator inside the running service; a command would start an
 * empty one of its own, which answers "unknown uuid" (30) for every receipt, and the recovery
 * from 30 would then resend the receipts to that throwaway emulator and fail their
 * transactions. So the command refuses and names what works instead.
 */
function refuseInSandbox(): void {
  if (!loadCliConfig().atol.sandbox) return;
  throw new Error(
    'in sandbox mode (no ATOL credentials) ATOL is an emulator inside the service process; ' +
      'this command would ask an empty one of its own, which knows none of the receipts. Use ' +
      "POST /api/v1/{invoices|refunds}/{id}/refresh or the admin page's Check status while the " +
      'service runs, or run `kkm emulator` and point the service and the command at it ' +
      '(ATOL_BASE_URL and the ATOL_* settings).',
  );
}

export function updateCommand(): Command {
  return new Command('update')
    .description('ask ATOL now for the result of one waiting transaction, or of all of them')
    .argument('<target>', 'a transaction uuid, or "all"')
    .option('--json', 'print the result as JSON')
    .action(
      action((target: string, options: UpdateCliOptions) => {
        refuseInSandbox();
        return withContext(async ({ services }) => {
          const json = options.json === true;
          if (target !== 'all') {
            const result = await services.statusUpdates.updateOne(target, { actor: 'cli' });
            if (json) console.log(JSON.stringify(result, null, 2));
            else printOne(result);
            return;
          }
          const progress = progressPrinter(json);
          const summary = await services.statusUpdates.updateAll({
            actor: 'cli',
            onProgress: progress.onProgress,
          });
          progress.finish();
          if (json) console.log(JSON.stringify(summary, null, 2));
          else printSummary(summary);
        });
      }),
    );
}
