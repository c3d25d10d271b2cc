import pg from "pg";
import { newId } from "@/lib/id";
import { processSingleton } from "@/lib/process-singleton";
import { env } from "./env";
import { errorMessage, logger } from "./logger";

/**
 * Signals between the processes that share a PostgreSQL database — web
 * instances and engine workers on any host — over LISTEN/NOTIFY:
 * - `run`: a run was created or re-queued (workers start it without waiting for a poll);
 * - `stop`: a run was cancelled (the worker executing it aborts its calls and answers `stopped`);
 * - `changed`: a run's row or results changed (web instances drop it from their read cache);
 * - `offer`: `count` shards were offered on the job queue (workers fetch at once instead of at their next poll);
 * - `ended`: a worker ended its work on a shard (the run's coordinator offers the freed slot at once).
 * Every signal has a fallback that bounds the delay when a notification is
 * lost (a listener reconnecting): the workers' poll, their status check, the
 * read cache's age limit. On SQLite the processes of one host talk over the
 * engine worker's IPC channel instead (src/bin/start.mjs).
 */
const CHANNEL = "trialrun_runs";
/** PostgreSQL's payload limit is 8000 bytes; ours are ids. */
type Signal =
  | { kind: "run"; runId: string }
  | { kind: "stop"; runId: string; seq: string }
  | { kind: "stopped"; seq: string; owner: string }
  | { kind: "changed"; runId: string; progress?: boolean }
  | { kind: "offer"; count: number }
  | { kind: "ended"; runId: string };

type Handlers = { [K in Signal["kind"]]?: (signal: Extract<Signal, { kind: K }>) => void };

const state = processSingleton("postgresSignals", () => ({
  started: false,
  /** Identifies this process's own notifications, which come back to it too. */
  origin: newId(),
  handlers: {} as Handlers,
  client: null as pg.Client | null,
  publisher: null as pg.Pool | null,
}));

const RECONNECT_MS = 1_000;

/** Whether this process listens (PostgreSQL, and started by the web server or a worker; tests do not). */
export function postgresSignalsStarted(): boolean {
  return state.started;
}

/** Starts listening (once per process) and registers handlers for the signals this process acts on. */
export function startPostgresSignals(handlers: Handlers): void {
  Object.assign(state.handlers, handlers);
  if (state.started) return;
  state.started = true;
  state.publisher = new pg.Pool({ connectionString: env.DATABASE_URL, max: 1 });
  state.publisher.on("error", () => {});
  void listen();
}

async function listen(): Promise<void> {
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  client.on("notification", (message) => {
    if (message.channel !== CHANNEL || !message.payload) return;
    let parsed: Signal & { origin?: string };
    try {
      parsed = JSON.parse(message.payload) as Signal & { origin?: string };
    } catch {
      return;
    }
    // A change this process made is already known here.
    if (parsed.kind === "changed" && parsed.origin === state.origin) return;
    const handler = state.handlers[parsed.kind] as ((signal: Signal) => void) | undefined;
    try {
      handler?.(parsed);
    } catch (error) {
      logger.error("signal handler failed", { kind: parsed.kind, error: errorMessage(error) });
    }
  });
  const reconnect = () => {
    if (state.client !== client) return;
    state.client = null;
    client.end().catch(() => {});
    setTimeout(() => void listen(), RECONNECT_MS).unref();
  };
  client.on("error", (error) => {
    logger.warn("signal listener lost its connection; reconnecting", { error: errorMessage(error) });
    reconnect();
  });
  client.on("end", reconnect);
  state.client = client;
  try {
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
  } catch (error) {
    logger.warn("signal listener could not connect; retrying", { error: errorMessage(error) });
    reconnect();
  }
}

/** Sends a signal to every listening process (this one included). Best effort: each signal has a fallback. */
export function publish(signal: Signal): void {
  const publisher = state.publisher;
  if (!publisher) return;
  publisher.query("SELECT pg_notify($1, $2)", [CHANNEL, JSON.stringify({ ...signal, origin: state.origin })]).catch((error: unknown) => {
    logger.warn("could not send a signal", { kind: signal.kind, error: errorMessage(error) });
  });
}

/** Stops listening (tests). */
export async function stopPostgresSignals(): Promise<void> {
  const { client, publisher } = state;
  state.started = false;
  state.client = null;
  state.publisher = null;
  state.handlers = {};
  await client?.end().catch(() => {});
  await publisher?.end().catch(() => {});
}
