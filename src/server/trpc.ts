import { initTRPC, TRPCError } from "@trpc/server";
import { wireTransformer } from "@/lib/trpc/transformer";
import { ZodError, z } from "zod";
import "@/lib/zod-messages";
import { Prisma } from "@/generated/prisma/client";
import { databaseBusy, isDatabaseBusy } from "./db-busy";
import { AppError, signInRequired } from "./errors";
import { logger } from "./logger";
import { webServerTurns } from "./turns";

/** Who is calling. `local`: code in this process (tests, scripts) — trusted. */
export type Principal = { kind: "local" } | { kind: "anonymous" } | { kind: "session" } | { kind: "api-key"; apiKeyId: string };

export interface Context {
  /** Request headers, when the call came over HTTP. */
  headers: Headers | null;
  principal: Principal;
  /** Whether procedures need a principal other than anonymous (auth is on). */
  authRequired: boolean;
}

export function createContext(opts?: { headers?: Headers; principal?: Principal; authRequired?: boolean }): Context {
  return { headers: opts?.headers ?? null, principal: opts?.principal ?? { kind: "local" }, authRequired: opts?.authRequired ?? false };
}

/** The most specific message of an issue: record keys and elements carry theirs nested. */
function issueMessage(issue: ZodError["issues"][number]): string {
  if ((issue.code === "invalid_key" || issue.code === "invalid_element") && issue.issues[0]) return issue.issues[0].message;
  return issue.message;
}

function describeZodError(error: ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issueMessage(issue)}` : issueMessage(issue)))
    .join("; ");
}

const t = initTRPC.context<Context>().create({
  transformer: wireTransformer,
  errorFormatter({ shape, error }) {
    const zodError = error.cause instanceof ZodError ? error.cause : null;
    const field = error.cause instanceof AppError ? error.cause.field : undefined;
    const internal = error.code === "INTERNAL_SERVER_ERROR";
    return {
      ...shape,
      // A readable message for bad input; nothing about internals for 5xx.
      message: internal ? "Internal error. The details are in the server log." : shape.message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        field: field ?? null,
        fieldErrors: zodError ? z.flattenError(zodError).fieldErrors : null,
        /** Every problem with its full dotted path (`target.url`, `scorers.1.name`), for forms. */
        issues: zodError ? zodError.issues.map((issue) => ({ path: issue.path.join("."), message: issueMessage(issue) })) : null,
      },
    };
  },
});

/**
 * The tRPC error for a domain, input or database error; null for anything
 * else, which stays an internal error. The one mapping, used by the
 * procedures' middleware and by context creation (authentication).
 */
export function trpcErrorOf(cause: unknown): TRPCError | null {
  if (cause instanceof ZodError) {
    // Readable for every caller (HTTP, createCaller, the CLI), not only over HTTP.
    return new TRPCError({ code: "BAD_REQUEST", message: describeZodError(cause), cause });
  }
  if (cause instanceof AppError) {
    return new TRPCError({ code: cause.code, message: cause.message, cause });
  }
  if (isDatabaseBusy(cause)) {
    // A busy error from outside the retrying client (e.g. a transaction's own start): retryable, not internal.
    return new TRPCError({ code: "SERVICE_UNAVAILABLE", message: databaseBusy().message, cause });
  }
  if (cause instanceof Prisma.PrismaClientKnownRequestError) {
    if (cause.code === "P2025") return new TRPCError({ code: "NOT_FOUND", message: "The record was not found.", cause });
    if (cause.code === "P2002") return new TRPCError({ code: "CONFLICT", message: "A record with this value already exists.", cause });
  }
  return null;
}

/** Maps domain and database errors to tRPC errors, in one place. */
const errorSeam = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (result.ok) return result;
  const error = result.error;
  const cause = error.cause;
  const mapped = trpcErrorOf(cause);
  if (mapped) throw mapped;
  if (error.code === "INTERNAL_SERVER_ERROR") {
    logger.error("procedure failed", { path, error: cause instanceof Error ? (cause.stack ?? cause.message) : String(cause ?? error.message) });
  }
  return result;
});

/**
 * Parsing a procedure's input is synchronous work that grows with the input
 * (a bulk add of 1,000 items took 9 ms), and tRPC parses every call of a batch
 * at once: ten bulk adds held the thread for about 90 ms before their first
 * transaction. Each call takes a turn for its input (./turns.ts, the same
 * turns as the transactions); the turn
 * ends once the parse and whatever follows it without waiting are done (the
 * next turn of the event loop), so a request that arrives meanwhile is
 * answered between two calls.
 */
const takesTurns = t.middleware(async ({ next }) => {
  const end = await webServerTurns.take();
  setImmediate(end);
  return next();
});

/** With auth on, every procedure but the open ones needs a session or an API key. */
const requireAuth = t.middleware(({ ctx, next }) => {
  if (ctx.authRequired && ctx.principal.kind === "anonymous") {
    // The domain error, as services throw theirs: errorSeam maps it like any other.
    throw signInRequired();
  }
  return next();
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
/** Callable without signing in (only what the sign-in page itself needs). */
const withErrorSeam = t.procedure.use(errorSeam);
export const openProcedure = withErrorSeam.use(takesTurns);
/** Every other procedure: needs a principal when auth is on. */
export const protectedProcedure = openProcedure.use(requireAuth);
/**
 * A polled read of a run (`cachedQuery`): its input is an id or a page
 * number, never a burst to parse, so it does not queue for a turn. Under 50
 * open run pages those polls arrive together, and each queued behind the
 * last one's turn and its pause.
 */
const polledProcedure = withErrorSeam.use(requireAuth);

type Handler<I extends z.ZodType, O extends z.ZodType> = (input: z.output<I>) => Promise<z.input<O>> | z.input<O>;

/**
 * The shape of most procedures: signed in, a validated input, a checked
 * output, and a handler that needs only the input (the context matters to
 * the auth procedures alone). `Handler` types the input and the result by the
 * schemas; tRPC cannot relate its own inferred types to them while they are
 * still generic, hence the two casts.
 */
export function query<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, handler: Handler<I, O>) {
  return protectedProcedure
    .input(input)
    .output(output)
    .query(({ input }) => handler(input as z.output<I>) as never);
}

/**
 * A polled query answered from the run read cache, whose answers were checked
 * against `output` once, when they were read (src/features/runs/server/run-read-cache.ts):
 * the answer is not checked again per call. `output` types it for clients.
 */
export function cachedQuery<I extends z.ZodType, O extends z.ZodType>(input: I, _output: O, handler: (input: z.output<I>) => Promise<z.output<O>>) {
  return polledProcedure.input(input).query(({ input }) => handler(input as z.output<I>) as Promise<z.output<O>>);
}

/** The same shape for a procedure that changes something. */
export function mutation<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, handler: Handler<I, O>) {
  return protectedProcedure
    .input(input)
    .output(output)
    .mutation(({ input }) => handler(input as z.output<I>) as never);
}
