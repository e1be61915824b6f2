/** Runs `work` from `concurrency` loops for `durationMs` and reports throughput and latency. */
export async function measureLoop(concurrency: number, durationMs: number, work: () => Promise<unknown>): Promise<LoadFigures> {
  const latencies: number[] = [];
  const deadline = performance.now() + durationMs;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          await work();
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return figures(latencies, elapsed, errors);
}

export interface LoadFigures {
  requests: number;
  errors: number;
  perSecond: number;
  p50: number;
  p99: number;
}

export function figures(latenciesMs: number[], elapsedSeconds: number, errors = 0): LoadFigures {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { requests: sorted.length, errors, perSecond: sorted.length / elapsedSeconds, p50: at(0.5), p99: at(0.99) };
}

export function formatFigures(label: string, f: LoadFigures): string {
  return `${label.padEnd(34)} ${f.perSecond.toFixed(0).padStart(7)} req/s   p50 ${f.p50.toFixed(2).padStart(7)} ms   p99 ${f.p99.toFixed(2).padStart(7)} ms   (${f.requests} requests, ${f.errors} errors)`;
}
