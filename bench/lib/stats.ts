/** Small helpers to summarise timings: every figure in the harness goes through these. */

export type Summary = {
  /** Operations (requests or queries) per second over the measured window. */
  perSec: number;
  p50: number;
  p95: number;
  count: number;
};

/** Nearest-rank percentile of ascending-sorted values (ms). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarise(latenciesMs: number[] | Float64Array, seconds: number): Summary {
  const sorted = Float64Array.from(latenciesMs).sort();
  return {
    perSec: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    count: sorted.length,
  };
}

/**
 * Runs `fn` back to back (one at a time) for `ms` milliseconds after a short warm-up and
 * summarises its latency: for timing a query directly on the database handle, without HTTP.
 */
export async function timeLoop(fn: () => Promise<unknown>, ms = 3000, warmupMs = 500): Promise<Summary> {
  const warmEnd = performance.now() + warmupMs;
  while (performance.now() < warmEnd) await fn();
  const latencies: number[] = [];
  const start = performance.now();
  const end = start + ms;
  let now = start;
  while (now < end) {
    const t = performance.now();
    await fn();
    now = performance.now();
    latencies.push(now - t);
  }
  return summarise(latencies, (now - start) / 1000);
}

export const ratio = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);

export const fmt = {
  rate: (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–'),
  ms: (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 1) : '–'),
  pct: (n: number) => (Number.isFinite(n) ? `${(n * 100).toFixed(1)}%` : '–'),
};

/** A plain-text table: first column left-aligned, the others right-aligned. */
export function table(head: string[], rows: string[][]): string {
  const width = (s: string) =>
    [...s].reduce((w, c) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(c) ? 2 : 1), 0);
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const pad = (s: string, i: number) => {
    const gap = ' '.repeat(widths[i] - width(s));
    return i === 0 ? s + gap : gap + s;
  };
  const line = (cells: string[]) => `  ${cells.map(pad).join('  ')}`;
  const rule = `  ${widths.map((w) => '-'.repeat(w)).join('  ')}`;
  return [line(head), rule, ...rows.map(line)].join('\n');
}
