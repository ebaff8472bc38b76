/**
 * Runs `work` over `items` with at most `concurrency` calls in flight, in order of start. Stops
 * starting new items once `shouldStop` says so; returns the items never started.
 */
export async function runLimited<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
  shouldStop: () => boolean = () => false,
): Promise<T[]> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, () =>
    (async () => {
      while (next < items.length && !shouldStop()) {
        const item = items[next++] as T;
        await work(item);
      }
    })(),
  );
  await Promise.all(lanes);
  return items.slice(next);
}
