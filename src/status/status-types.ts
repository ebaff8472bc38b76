import type { ReportOutcome } from '../atol/atol-types';
import type { FiscalService } from '../fiscal/fiscal-service';

/** The parts of the fiscal core that status updates call; fakes implement just these. */
export type StatusFiscal = Pick<
  FiscalService,
  'refreshTransaction' | 'reconcileCallbacks' | 'markNoResult'
>;

/** What checking one transaction came to. */
export interface CheckResult {
  uuid: string;
  /** ATOL's answer, or `error` when the check itself failed. */
  outcome: ReportOutcome['kind'] | 'error';
  /** The transaction's status afterwards; `no_result` when the poller gave up on it. */
  status: 'wait' | 'done' | 'fail' | 'no_result';
  /** True when this check moved the transaction out of `wait`. */
  changed: boolean;
}

/** Progress of a run over many transactions. */
export interface UpdateProgress {
  done: number;
  total: number;
  last: CheckResult;
}

/** Totals of a run, by status afterwards. */
export interface UpdateSummary {
  total: number;
  changed: number;
  byStatus: Record<CheckResult['status'], number>;
  durationMs: number;
}
