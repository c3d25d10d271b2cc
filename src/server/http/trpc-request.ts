import { TRPCError, transformTRPCResponse } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import { byteSize } from "@/lib/byte-size";
import { ensureDbReady } from "@/server/db";
import { env } from "@/server/env";
import { appRouter } from "@/server/root";
import { authenticate } from "@/features/auth/server";
import { createContext, trpcErrorOf } from "@/server/trpc";

const ENDPOINT = "/api/trpc";

/**
 * After a body has gone over the limit, up to this many more bytes are read
 * and dropped so the refusal can be answered on a connection that is still
 * in order (a server that stops reading and closes makes the client's
 * network stack report a reset instead of the answer). A client that keeps
 * sending past this is cut off.
 */
export const DISCARD_AFTER_LIMIT_BYTES = 64 * 1024 * 1024;

/** A POST body as read: its bytes, or only that it was larger than the limit (the rest was dropped). */
export type TrpcBody = { bytes: Uint8Array } | { tooLarge: true };

/**
 * Reads the body up to `limit` bytes. Past the limit nothing more is kept,
 * but reading goes on (up to DISCARD_AFTER_LIMIT_BYTES more) so the 413 can
 * be answered; cancelling the stream instead destroys the request and the
 * client sees a reset rather than the message.
 */
async function readLimited(req: Request, limit: number): Promise<TrpcBody> {
  if (!req.body) return { bytes: new Uint8Array() };
  const reader = req.body.getReader();
  let chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size <= limit) {
      chunks.push(value);
      continue;
    }
    chunks = [];
    if (size > limit + DISCARD_AFTER_LIMIT_BYTES) {
      await reader.cancel();
      break;
    }
  }
  if (size > limit) return { tooLarge: true };
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { bytes: body };
}

/** The procedure path of an API URL (`a.b,c.d` for a batch), percent-decoded as tRPC decodes it; null when it cannot be. */
function procedurePath(url: URL): string | null {
  const raw = url.pathname.slice(ENDPOINT.length).replace(/^\/+|\/+$/g, "");
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** Why the request is refused before any procedure runs, or null. */
function refusalOf(req: Request, body: TrpcBody | null): TRPCError | null {
  const url = new URL(req.url);
  const path = procedurePath(url);
  if (path === null) {
    // tRPC would throw URIError while decoding it, which it answers as a 500.
    return new TRPCError({ code: "BAD_REQUEST", message: "The procedure path holds an invalid percent-encoding (such as %FF)." });
  }
  if (url.searchParams.get("batch") === "1") {
    const calls = path.split(",").length;
    const max = env.TRIALRUN_MAX_BATCH_SIZE;
    if (calls > max) {
      return new TRPCError({
        code: "BAD_REQUEST",
        message: `This batch calls ${calls} procedures; the server accepts at most ${max} per request (TRIALRUN_MAX_BATCH_SIZE). Send them in smaller batches.`,
      });
    }
  }
  if (body && "tooLarge" in body) {
    return new TRPCError({
      code: "PAYLOAD_TOO_LARGE",
      message: `The request body is larger than ${byteSize(env.TRIALRUN_MAX_BODY_BYTES)} (TRIALRUN_MAX_BODY_BYTES). Send fewer items per call.`,
    });
  }
  return null;
}

/**
 * The answer to a request refused as a whole, in the shape tRPC gives any
 * error that is not one procedure's (one error object, even for a batch: the
 * client reports it for each call), through the API's own error formatter.
 */
function refusalResponse(error: TRPCError): Response {
  const config = appRouter._def._config;
  const httpStatus = getHTTPStatusCodeFromError(error);
  const shape = config.errorFormatter({
    error,
    type: "unknown",
    path: undefined,
    input: undefined,
    ctx: undefined,
    shape: { message: error.message, code: TRPC_ERROR_CODES_BY_KEY[error.code], data: { code: error.code, httpStatus } },
  });
  return Response.json(transformTRPCResponse(config, { error: shape }), { status: httpStatus, headers: { vary: "trpc-accept, accept" } });
}

/**
 * Answers one tRPC HTTP request (batched or not): body size limit, caller
 * identity, then the router. The Next route (`next dev`) and the production
 * server's direct path (./node-api.ts) both come here, so they behave alike.
 */
export async function handleTrpcRequest(req: Request): Promise<Response> {
  const body = req.method === "POST" ? await readLimited(req, env.TRIALRUN_MAX_BODY_BYTES) : null;
  return answerTrpcRequest(req, body);
}

/**
 * The same, for a caller that has read the body already (the production
 * server's direct path reads it from the socket itself): `body` is null for
 * a request without one (GET).
 */
export async function answerTrpcRequest(req: Request, body: TrpcBody | null): Promise<Response> {
  const refusal = refusalOf(req, body);
  if (refusal) return refusalResponse(refusal);
  await ensureDbReady();
  const request =
    body && "bytes" in body ? new Request(req.url, { method: req.method, headers: req.headers, body: body.bytes as BodyInit, signal: req.signal }) : req;
  return fetchRequestHandler({
    endpoint: ENDPOINT,
    req: request,
    router: appRouter,
    // The same limit as refusalOf's, which answers first with a message naming it; this one is tRPC's own.
    maxBatchSize: env.TRIALRUN_MAX_BATCH_SIZE,
    createContext: async () => {
      try {
        const { principal, authRequired } = await authenticate(req);
        return createContext({ headers: req.headers, principal, authRequired });
      } catch (error) {
        // Thrown before any procedure, so past the procedures' middleware: mapped here the same way.
        throw trpcErrorOf(error) ?? error;
      }
    },
  });
}
