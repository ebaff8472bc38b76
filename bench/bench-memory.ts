// Memory figures of this process, which runs the service under test (and, on PGlite, its
// database too). The scenario child runs with --expose-gc, so a settled figure is after GC.

export interface MemoryFigures {
  rss: number;
  /** What V8 has reserved for its heap; `heapUsed` counts garbage too until a GC. */
  heapTotal: number;
  heapUsed: number;
  external: number;
}

function figures(): MemoryFigures {
  const usage = process.memoryUsage();
  return {
    rss: usage.rss,
    heapTotal: usage.heapTotal,
    heapUsed: usage.heapUsed,
    external: usage.external,
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Memory after two full GCs and a moment of quiet: what the process holds, not its garbage. */
export async function settledMemory(): Promise<MemoryFigures> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let round = 0; round < 2; round += 1) {
    gc?.();
    await pause(100);
  }
  return figures();
}

export interface MemorySampler {
  /**
   * Stops sampling; the highest figures seen, each on its own, all figures of the sample with
   * the highest RSS (what the peak consisted of) and the median RSS.
   */
  stop(): MemoryFigures & { samples: number; medianRss: number; atPeak: MemoryFigures };
}

/** Samples memory every `intervalMs` (unref'd) and keeps the peaks. */
export function sampleMemory(intervalMs = 50): MemorySampler {
  const peak = figures();
  let atPeak = { ...peak };
  const rss = [peak.rss];
  const take = (): void => {
    const now = figures();
    if (now.rss > peak.rss) atPeak = now;
    peak.rss = Math.max(peak.rss, now.rss);
    peak.heapTotal = Math.max(peak.heapTotal, now.heapTotal);
    peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
    peak.external = Math.max(peak.external, now.external);
    rss.push(now.rss);
  };
  const timer = setInterval(take, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      take();
      const sorted = [...rss].sort((a, b) => a - b);
      const medianRss = sorted[Math.floor(sorted.length / 2)] ?? peak.rss;
      return { ...peak, samples: rss.length, medianRss, atPeak };
    },
  };
}

export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
