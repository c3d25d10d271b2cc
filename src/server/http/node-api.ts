/**
 * The API's fast path in the production server: `npm start` hands every
 * /api/trpc/* request to `serveTrpc` before Next.js routing. Next's request
 * pipeline costs about 2 ms of CPU per call — more than the procedures the
 * dashboard polls — so under load (many open run pages, a run writing) the
 * polled API answers about twice as fast this way. Behaviour is the same as
 * the Next route: both call handleTrpcRequest.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { gzip, gzipSync } from "node:zlib";
import { incomingMessageToRequest } from "@trpc/server/adapters/node-http";
import { handleTrpcRequest } from "./trpc-request";

const gzipAsync = promisify(gzip);
/** Smaller bodies (a run, a small page) are sent as they are: compressing them gains a few hundred bytes. */
const COMPRESS_FROM_BYTES = 8 * 1024;
/**
 * Up to this size gzip runs on this thread (level 1: about 0.1 ms for 27 KB);
 * larger bodies go to the thread pool. A round trip through the pool costs
 * more than that under load, when its threads wait for a core.
 */
const COMPRESS_INLINE_UP_TO_BYTES = 256 * 1024;

export async function serveTrpc(req: IncomingMessage, res: ServerResponse): Promise<void> {
  // As Next.js does for its routes: who is calling, for the auth rate limit and the same-origin check.
  req.headers["x-forwarded-for"] ??= req.socket.remoteAddress;
  req.headers["x-forwarded-host"] ??= req.headers.host;
  // Size is limited by handleTrpcRequest, with the API's own message.
  const response = await handleTrpcRequest(incomingMessageToRequest(req, res, { maxBodySize: null }));

  res.statusCode = response.status;
  response.headers.forEach((value, key) => {
    if (key !== "set-cookie") res.setHeader(key, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);

  let body = Buffer.from(await response.arrayBuffer());
  if (body.byteLength >= COMPRESS_FROM_BYTES && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
    body = body.byteLength <= COMPRESS_INLINE_UP_TO_BYTES ? gzipSync(body, { level: 1 }) : await gzipAsync(body, { level: 1 });
    res.setHeader("content-encoding", "gzip");
  }
  res.setHeader("vary", "Accept-Encoding");
  res.setHeader("content-length", body.byteLength);
  res.end(body);
}
