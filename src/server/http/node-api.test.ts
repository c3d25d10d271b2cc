import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTrialrunClient, TRPCClientError } from "@/client";
import { serveTrpc } from "./node-api";

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
