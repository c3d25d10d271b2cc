/**
 * The API's fast path in the production server: `npm start` hands every
 * /api/trpc/* request to `serveTrpc` before Next.js routing. Next's request
 * pipeline costs about 2 ms of CPU per call — more than the procedures the
 * dashboard polls — so under load (many open run pages, a run writing) the
 * polled API answers about twice as fast this way. Behaviour is the same as
 * the Next route: both end in answerTrpcRequest.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { gzip, gzipSync } from "node:zlib";
import { env } from "@/server/env";
import { recordAnswerTime } from "@/server/metrics";
import { answerTrpcRequest, DISCARD_AFTER_LIMIT_BYTES, type TrpcBody } from "./trpc-request";

const gzipAsync = promisify(gzip);
/** Smaller bodies (a run, a small page) are sent as they are: compressing them gains a few hundred bytes. */
const COMPRESS_FROM_BYTES = 8 * 1024;
/**
 * Up to this size gzip runs on this thread (level 1: about 0.1 ms for 27 KB);
 * larger bodies go to the thread pool. A round trip through the pool costs
 * more than that under load, when its threads wait for a core.
 */
const COMPRESS_INLINE_UP_TO_BYTES = 256 * 1024;

/**
 * The body as read from the socket. `cutOff`: the client sent (or announced)
 * more than the limit plus what we are willing to drop, so the answer goes
 * out before the body has ended and the connection closes after it.
 */
type SocketBody = { body: TrpcBody; cutOff: boolean } | "aborted";

/**
 * Reads a request body from the socket, keeping at most `limit` bytes. Past
 * the limit it keeps reading and dropping what arrives, so the 413 is
 * answered once the body has ended, on a connection still in order (an
 * unread body left on a closing socket makes the client see a reset instead
 * of the answer).
 */
function readSocketBody(req: IncomingMessage, limit: number): Promise<SocketBody> {
  return new Promise((resolve) => {
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit + DISCARD_AFTER_LIMIT_BYTES) {
      // Not worth reading: answer now; what arrives meanwhile is dropped.
      req.resume();
      resolve({ body: { tooLarge: true }, cutOff: true });
      return;
    }
    let chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: SocketBody) => {
      if (settled) return;
      settled = true;
      req.off("data", onData);
      // Whatever still arrives is dropped, never buffered.
      req.resume();
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      chunks = [];
      if (size > limit + DISCARD_AFTER_LIMIT_BYTES) settle({ body: { tooLarge: true }, cutOff: true });
    };
    req.on("data", onData);
    req.once("end", () => settle(size > limit ? { body: { tooLarge: true }, cutOff: false } : { body: { bytes: Buffer.concat(chunks, size) }, cutOff: false }));
    req.once("error", () => settle("aborted"));
    req.once("close", () => {
      // "close" after "end" is the normal order; before it, the client went away.
      if (!req.complete) settle("aborted");
    });
  });
}

/** The request as a fetch Request (without its body, which is read separately); aborted when the client goes away. */
function fetchRequestOf(req: IncomingMessage, res: ServerResponse): Request {
  const controller = new AbortController();
  // Only a client that went away before its answer was sent aborts: aborting
  // after every answer (building its DOMException, firing the signal's
  // listeners) was about 5% of the web server's time under 50 pollers.
  res.once("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  let url: URL;
  try {
    url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
  } catch {
    // A Host header that is not a host: only the path and query matter to the API.
    url = new URL(req.url ?? "/", "http://localhost");
  }
  return new Request(url, { method: req.method, headers, signal: controller.signal });
}

export async function serveTrpc(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const arrived = performance.now();
  res.once("finish", () => recordAnswerTime(procedureOf(req.url), performance.now() - arrived));
  // As Next.js does for its routes: who is calling, for the auth rate limit and the same-origin check.
  req.headers["x-forwarded-for"] ??= req.socket.remoteAddress;
  req.headers["x-forwarded-host"] ??= req.headers.host;
  let body: TrpcBody | null = null;
  let cutOff = false;
  if (req.method === "POST") {
    const read = await readSocketBody(req, env.TRIALRUN_MAX_BODY_BYTES);
    if (read === "aborted") return;
    ({ body, cutOff } = read);
  }
  const response = await answerTrpcRequest(fetchRequestOf(req, res), body);

  res.statusCode = response.status;
  response.headers.forEach((value, key) => {
    if (key !== "set-cookie") res.setHeader(key, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  // Node ends the connection once this answer is flushed, not before.
  if (cutOff) res.setHeader("connection", "close");

  let payload = Buffer.from(await response.arrayBuffer());
  if (payload.byteLength >= COMPRESS_FROM_BYTES && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
    payload = payload.byteLength <= COMPRESS_INLINE_UP_TO_BYTES ? gzipSync(payload, { level: 1 }) : await gzipAsync(payload, { level: 1 });
    res.setHeader("content-encoding", "gzip");
  }
  res.setHeader("vary", "Accept-Encoding");
  res.setHeader("content-length", payload.byteLength);
  res.end(payload);
}

/** The procedure a request names: `/api/trpc/runs.get?input=…` is runs.get. */
function procedureOf(url: string | undefined): string {
  const path = (url ?? "").split("?")[0]!;
  const name = path.slice(path.lastIndexOf("/") + 1);
  try {
    return decodeURIComponent(name) || "(none)";
  } catch {
    return name; // not valid percent-encoding: the name as sent
  }
}
