import http from "node:http";
import type { AddressInfo } from "node:net";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTrialrunClient, TRPCClientError, type AppRouter } from "@/client";
import { CLIENT_BATCH_MAX_ITEMS } from "@/lib/trpc/batch";
import { wireTransformer } from "@/lib/trpc/transformer";
import { serveTrpc } from "./node-api";
import { postChunked, repeatedChunks } from "@/test/post-chunked";
import { handleTrpcRequest } from "./trpc-request";

// Small limits, so the tests send little. Set before the server's env is read.
const LIMITS = vi.hoisted(() => {
  const limits = { bodyBytes: 256 * 1024, batch: 12 };
  process.env.TRIALRUN_MAX_BODY_BYTES = String(limits.bodyBytes);
  process.env.TRIALRUN_MAX_BATCH_SIZE = String(limits.batch);
  return limits;
});

// The production server's direct API path, on a real loopback socket.
let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer((req, res) => void serveTrpc(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("serveTrpc", () => {
  it("answers the typed client like the Next route does", async () => {
    const client = createTrialrunClient({ url });
    const created = await client.datasets.create.mutate({ name: "direct path" });
    const fetched = await client.datasets.get.query({ id: created.id });
    expect(fetched.name).toBe("direct path");
  });

  it("reports bad input as a 400 naming the field", async () => {
    const client = createTrialrunClient({ url });
    const error = await client.datasets.create.mutate({ name: "" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    const data = (error as { data: { httpStatus: number; issues: { path: string }[] } }).data;
    expect(data.httpStatus).toBe(400);
    expect(data.issues.map((issue) => issue.path)).toContain("name");
  });

  it("compresses larger bodies for clients that accept gzip, and leaves small ones alone", async () => {
    const client = createTrialrunClient({ url });
    const { id } = await client.datasets.create.mutate({ name: "big" });
    await client.items.bulkAdd.mutate({ datasetId: id, items: Array.from({ length: 10 }, (_, i) => ({ input: `${i} ${"y".repeat(2000)}` })) });
    const input = encodeURIComponent(JSON.stringify({ json: { datasetId: id } }));
    const big = await fetch(`${url}/api/trpc/items.list?input=${input}`, { headers: { "accept-encoding": "gzip" } });
    expect(big.headers.get("content-encoding")).toBe("gzip");
    expect(((await big.json()) as { result: { data: { json: { items: unknown[] } } } }).result.data.json.items).toHaveLength(10);

    const plain = await fetch(`${url}/api/trpc/items.list?input=${input}`, { headers: { "accept-encoding": "identity" } });
    expect(plain.headers.get("content-encoding")).toBeNull();
    const small = await fetch(`${url}/api/trpc/runs.get?input=${encodeURIComponent(JSON.stringify({ json: { id: "missing" } }))}`);
    expect(small.status).toBe(404);
    expect(small.headers.get("content-encoding")).toBeNull();
  });
});

/** POSTs `total` bytes in 64 KiB chunks with chunked transfer (no Content-Length), as a stream would. */
function postBytes(path: string, total: number, agent: http.Agent) {
  return postChunked(`${url}${path}`, repeatedChunks(Buffer.alloc(64 * 1024, "x"), total), { contentType: "application/json", agent });
}

function batchPath(procedure: string, calls: number): string {
  return `/api/trpc/${Array.from({ length: calls }, () => procedure).join(",")}?batch=1`;
}

function batchBody(calls: number, input: (index: number) => unknown): string {
  return JSON.stringify(Object.fromEntries(Array.from({ length: calls }, (_, i) => [i, { json: input(i) }])));
}

describe("serveTrpc limits", () => {
  it("answers a chunked body over TRIALRUN_MAX_BODY_BYTES with a 413 and its message, and the connection stays usable", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const answer = await postBytes("/api/trpc/datasets.create", 4 * LIMITS.bodyBytes, agent);
      expect(answer.status).toBe(413);
      expect(answer.headers["content-type"]).toMatch(/json/);
      const error = (JSON.parse(answer.text) as { error: { json: { message: string; data: { code: string; httpStatus: number } } } }).error.json;
      expect(error.message).toBe("The request body is larger than 256 KiB (TRIALRUN_MAX_BODY_BYTES). Send fewer items per call.");
      expect(error.data).toMatchObject({ code: "PAYLOAD_TOO_LARGE", httpStatus: 413 });
      // The same keep-alive socket answers the next call.
      const next = await postBytes("/api/trpc/datasets.create", 0, agent).catch((e: unknown) => e);
      expect(next).toMatchObject({ status: 400 });
    } finally {
      agent.destroy();
    }
  });

  it("answers a body whose Content-Length is over the limit with a 413 too", async () => {
    const res = await fetch(`${url}/api/trpc/datasets.create`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: { name: "y".repeat(LIMITS.bodyBytes) } }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { json: { message: string } } }).error.json.message).toContain("TRIALRUN_MAX_BODY_BYTES");
  });

  it("answers a procedure path with an invalid percent-encoding with a 400, not a 500", async () => {
    for (const path of ["/api/trpc/x%FF", "/api/trpc/datasets.get%E0%A4?input=%7B%7D", "/api/trpc/datasets.list,x%ZZ?batch=1"]) {
      const res = await fetch(`${url}${path}`);
      expect(res.status, path).toBe(400);
      const body = (await res.json()) as { error: { json: { message: string; data: { code: string } } } };
      expect(body.error.json.message).toMatch(/invalid percent-encoding/);
      expect(body.error.json.data.code).toBe("BAD_REQUEST");
    }
    const post = await fetch(`${url}/api/trpc/datasets.create%FF`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"json":{"name":"z"}}',
    });
    expect(post.status).toBe(400);
  });

  it("refuses a batch of more procedures than TRIALRUN_MAX_BATCH_SIZE with a 400 naming the limit, and runs none of them", async () => {
    const name = `batch-over-${Date.now()}`;
    const calls = LIMITS.batch + 1;
    const res = await fetch(`${url}${batchPath("datasets.create", calls)}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: batchBody(calls, (i) => ({ name: `${name}-${i}` })),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { json: { message: string; data: { code: string } } } };
    expect(body.error.json.message).toBe(
      `This batch calls ${calls} procedures; the server accepts at most ${LIMITS.batch} per request (TRIALRUN_MAX_BATCH_SIZE). Send them in smaller batches.`,
    );
    expect(body.error.json.data.code).toBe("BAD_REQUEST");
    const client = createTrialrunClient({ url });
    expect(await client.datasets.list.query({ search: name })).toHaveLength(0);

    const atLimit = await fetch(`${url}${batchPath("datasets.create", LIMITS.batch)}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: batchBody(LIMITS.batch, (i) => ({ name: `${name}-ok-${i}` })),
    });
    expect(atLimit.status).toBe(200);
    expect((await atLimit.json()) as unknown[]).toHaveLength(LIMITS.batch);
  });

  it("the dashboard's batch link never sends more than the server accepts, whatever the number of calls at once", async () => {
    expect(CLIENT_BATCH_MAX_ITEMS).toBeLessThanOrEqual(LIMITS.batch);
    const client = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${url}/api/trpc`, transformer: wireTransformer, maxItems: CLIENT_BATCH_MAX_ITEMS })],
    });
    const created = await Promise.all(Array.from({ length: 3 * LIMITS.batch }, (_, i) => client.datasets.create.mutate({ name: `link-${i}` })));
    expect(new Set(created.map((dataset) => dataset.id)).size).toBe(3 * LIMITS.batch);
  });

  it("the Next route's handler (next dev) reads an over-limit stream to its end rather than cancelling it", async () => {
    let pulled = 0;
    let cancelled = false;
    const chunk = new Uint8Array(64 * 1024).fill(120);
    const total = 4 * LIMITS.bodyBytes;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= total) return controller.close();
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel() {
        cancelled = true;
      },
    });
    const res = await handleTrpcRequest(
      new Request("http://t/api/trpc/datasets.create", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        duplex: "half",
      } as RequestInit),
    );
    expect(res.status).toBe(413);
    expect(cancelled).toBe(false);
    expect(pulled).toBe(total);
  });
});
