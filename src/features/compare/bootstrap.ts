/**
 * Percentile bootstrap confidence interval of a mean (here: the mean of
 * per-item score deltas between two runs). Seeded, so the dashboard, the
 * client and an export show the same interval for the same data.
 */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Work cap: resamples × sample size. Large samples get fewer resamples (still ≥ 200). */
const MAX_DRAWS = 20_000_000;

export function bootstrapMeanInterval(
  values: Float64Array | number[],
  options: { confidence?: number; resamples?: number; seed?: number } = {},
): [number, number] | null {
  const n = values.length;
  if (n < 2) return null;
  const confidence = options.confidence ?? 0.95;
  const resamples = Math.max(200, Math.min(options.resamples ?? 1000, Math.floor(MAX_DRAWS / n)));
  const random = mulberry32(options.seed ?? 0x5eed);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[Math.floor(random() * n)]!;
    means[r] = sum / n;
  }
  means.sort();
  const tail = (1 - confidence) / 2;
  const lo = means[Math.floor(tail * (resamples - 1))]!;
  const hi = means[Math.ceil((1 - tail) * (resamples - 1))]!;
  return [lo, hi];
}
