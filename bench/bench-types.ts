import type { BenchOptions, ScenarioName } from './bench-options';

/** One line of the table: a figure, the same-run baseline it is compared with, the target. */
export interface BenchLine {
  name: string;
  /** The measured figure, formatted with its unit. */
  result: string;
  /** The baseline measured in the same run, formatted; absent when there is none. */
  baseline?: string;
  /** result ÷ baseline (or the figure the target reads), e.g. 0.72. */
  ratio?: number;
  /** The target in words, e.g. "≥ 0.6× baseline". */
  target?: string;
  /** Whether the target was met; absent for lines without a target. */
  met?: boolean;
}

/** What one scenario reports: its table lines, raw figures for the JSON, and notes. */
export interface ScenarioResult {
  scenario: ScenarioName;
  lines: BenchLine[];
  figures: Record<string, unknown>;
  notes: string[];
  durationMs: number;
}

/** What the orchestrator hands a scenario child process. */
export interface ScenarioRequest {
  scenario: ScenarioName;
  options: BenchOptions;
}

/** A scenario's answer over IPC. */
export type ScenarioReply = { ok: true; result: ScenarioResult } | { ok: false; error: string };
