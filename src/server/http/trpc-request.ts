import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { ensureDbReady } from "@/server/db";
import { env } from "@/server/env";
import { appRouter } from "@/server/root";
import { authenticate } from "@/features/auth/server/authenticate";
import { createContext } from "@/server/trpc";

/** Reads the body up to `limit` bytes; null when it is larger. */
async function readLimited(req: Request, limit: number): Promise<Uint8Array | null> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) return null;
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * Answers one tRPC HTTP request (batched or not): body size limit, caller
 * identity, then the router. The Next route (`next dev`) and the production
 * server's direct path (./node-api.ts) both call this, so they behave alike.
 */
export async function handleTrpcRequest(req: Request): Promise<Response> {
  await ensureDbReady();
  let request = req;
  let rejection: TRPCError | undefined;
  if (req.method === "POST") {
    const body = await readLimited(req, env.TRIALRUN_MAX_BODY_BYTES);
    if (body === null) {
      rejection = new TRPCError({
        code: "PAYLOAD_TOO_LARGE",
        message: `The request body is larger than ${Math.round(env.TRIALRUN_MAX_BODY_BYTES / 1024 / 1024)} MiB. Send fewer items per call.`,
      });
    }
    request = new Request(req.url, { method: "POST", headers: req.headers, body: body === null ? "{}" : (body as BodyInit) });
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: async () => {
      if (rejection) return createContext({ rejection });
      const { principal, authRequired } = await authenticate(req);
      return createContext({ headers: req.headers, principal, authRequired });
    },
  });
}
