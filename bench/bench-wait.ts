import type { Knex } from 'knex';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Documents by status, read from the database (completion is judged by the rows alone). */
export async function documentCounts(knex: Knex): Promise<Record<string, number>> {
  const rows: Array<{ status: string; count: number }> = await knex('documents')
    .select('status')
    .count({ count: '*' })
    .groupBy('status');
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
}

/**
 * Polls `read` every `intervalMs` until it reaches `target` or `timeoutMs` passes; resolves with
 * the last value and the time it was first seen at the target (or the timeout).
 */
export async function waitUntil(
  read: () => Promise<number>,
  target: number,
  options: { timeoutMs: number; intervalMs?: number; label?: string },
): Promise<{ value: number; reachedAt: number; reached: boolean }> {
  const deadline = Date.now() + options.timeoutMs;
  let lastReport = Date.now();
  for (;;) {
    const value = await read();
    if (value >= target) return { value, reachedAt: Date.now(), reached: true };
    if (Date.now() >= deadline) return { value, reachedAt: Date.now(), reached: false };
    if (options.label && Date.now() - lastReport >= 10_000) {
      console.log(`  ${options.label}: ${value} of ${target}`);
      lastReport = Date.now();
    }
    await pause(options.intervalMs ?? 100);
  }
}
