import type { ScenarioName, BenchOptions } from './bench-options';
import type { ScenarioReply, ScenarioRequest, ScenarioResult } from './bench-types';
import { runAccept } from './scenarios/accept';
import { runEndToEnd } from './scenarios/end-to-end';
import { runEngine } from './scenarios/engine';
import { runMemory } from './scenarios/memory';
import { runPoller } from './scenarios/poller';
import { runReport } from './scenarios/report';

// One scenario per process (forked by run.ts with --expose-gc): each starts from a fresh heap,
// and the memory figures are the service's own, not what earlier scenarios left behind.

const scenarios: Record<ScenarioName, (options: BenchOptions) => Promise<ScenarioResult>> = {
  accept: runAccept,
  'end-to-end': runEndToEnd,
  engine: runEngine,
  report: runReport,
  memory: runMemory,
  poller: runPoller,
};

process.once('message', (request: ScenarioRequest) => {
  const reply = (message: ScenarioReply, code: number) =>
    process.send?.(message, () => process.exit(code));
  scenarios[request.scenario](request.options).then(
    (result) => reply({ ok: true, result }, 0),
    (error: unknown) =>
      reply(
        {
          ok: false,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        },
        1,
      ),
  );
});
