import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import { processSingleton } from "@/lib/process-singleton";

/**
 * Process health figures for operators and the benchmark: memory, how long
 * the event loop was blocked (a blocked loop is a server that does not
 * answer), and how long the API took to answer each procedure, measured in
 * the server from the request's arrival to its answer's hand-off to the
 * socket. The delay histogram starts with the server (src/instrumentation.ts).
 */
const loop = processSingleton("eventLoopDelay", () => ({ histogram: null as IntervalHistogram | null }));

export function startEventLoopMonitor(): void {
  if (loop.histogram) return;
  loop.histogram = monitorEventLoopDelay({ resolution: 10 });
  loop.histogram.enable();
}

/** The latest answer times of each procedure (a batch counts once, under its procedures' names joined by commas). */
const answerTimes = processSingleton("answerTimes", () => new Map<string, number[]>());
const KEPT_ANSWER_TIMES = 10_000;

export function recordAnswerTime(procedure: string, ms: number): void {
  let times = answerTimes.get(procedure);
  if (!times) {
    if (answerTimes.size >= 200) return; // names come from request paths: keep the map bounded
    answerTimes.set(procedure, (times = []));
  }
  if (times.length >= KEPT_ANSWER_TIMES) times.shift();
  times.push(ms);
}

/** p50, p99 (nearest rank) and max of each procedure's kept answer times, in ms. */
function answerFigures() {
  const figures: Record<string, { count: number; p50: number; p99: number; max: number }> = {};
  const rank = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
  const ms = (value: number) => Math.round(value * 10) / 10;
  for (const [procedure, times] of answerTimes) {
    if (times.length === 0) continue;
    const sorted = [...times].sort((a, b) => a - b);
    figures[procedure] = { count: sorted.length, p50: ms(rank(sorted, 0.5)), p99: ms(rank(sorted, 0.99)), max: ms(sorted[sorted.length - 1]!) };
  }
  return figures;
}

export function processMetrics(options: { reset?: boolean } = {}) {
  const memory = process.memoryUsage();
  const h = loop.histogram;
  const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;
  const metrics = {
    rssMb: Math.round((memory.rss / 1024 / 1024) * 10) / 10,
    heapUsedMb: Math.round((memory.heapUsed / 1024 / 1024) * 10) / 10,
    eventLoopDelayMs: h ? { max: ms(h.max), p99: ms(h.percentile(99)), mean: ms(h.mean) } : null,
    answerMs: answerFigures(),
    uptimeS: Math.round(process.uptime()),
  };
  if (options.reset) {
    h?.reset();
    answerTimes.clear();
  }
  return metrics;
}
