import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import { processSingleton } from "@/lib/process-singleton";

/**
 * Process health figures for operators and the benchmark: memory and how
 * long the event loop was blocked (a blocked loop is a server that does not
 * answer). The delay histogram starts with the server (src/instrumentation.ts).
 */
const loop = processSingleton("eventLoopDelay", () => ({ histogram: null as IntervalHistogram | null }));

export function startEventLoopMonitor(): void {
  if (loop.histogram) return;
  loop.histogram = monitorEventLoopDelay({ resolution: 10 });
  loop.histogram.enable();
}

export function processMetrics(options: { reset?: boolean } = {}) {
  const memory = process.memoryUsage();
  const h = loop.histogram;
  const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;
  const metrics = {
    rssMb: Math.round((memory.rss / 1024 / 1024) * 10) / 10,
    heapUsedMb: Math.round((memory.heapUsed / 1024 / 1024) * 10) / 10,
    eventLoopDelayMs: h ? { max: ms(h.max), p99: ms(h.percentile(99)), mean: ms(h.mean) } : null,
    uptimeS: Math.round(process.uptime()),
  };
  if (options.reset) h?.reset();
  return metrics;
}
