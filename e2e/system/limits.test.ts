import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postChunked, repeatedChunks } from "@/test/post-chunked";
import { ServerProcess } from "@/test/server-process";

/**
 * The request limits on the production server (`npm start`): the API's own
 * path (src/server/http/node-api.ts) and the import route under Next.js. What
 * matters here is what only a real server shows: a refused body is answered
 * with its message, not a reset connection.
 */
const LIMITS = { bodyBytes: 1024 * 1024, batch: 12, importBytes: 4 * 1024 * 1024 };
let server: ServerProcess;

beforeAll(async () => {
  server = new ServerProcess(3319, "limits");
  await server.start({
    TRIALRUN_LOG_LEVEL: "warn",
    TRIALRUN_MAX_BODY_BYTES: String(LIMITS.bodyBytes),
    TRIALRUN_MAX_BATCH_SIZE: String(LIMITS.batch),
    TRIALRUN_MAX_IMPORT_BYTES: String(LIMITS.importBytes),
  });
});

afterAll(async () => {
  await server?.stop("SIGTERM");
});

/** POSTs to the server with chunked transfer, as a stream would. */
function post(path: string, chunks: Iterable<Buffer>, contentType: string) {
  return postChunked(`${server.url}${path}`, chunks, { contentType });
}

function* csvOfBadRows(rows: number): Generator<Buffer> {
  yield Buffer.from("input,expectedOutput\n");
  for (let start = 0; start < rows; start += 10_000) {
    yield Buffer.from(Array.from({ length: Math.min(10_000, rows - start) }, (_, i) => `,no input ${start + i}\n`).join(""));
  }
}

describe("request limits on the production server", () => {
  it("a chunked API body over TRIALRUN_MAX_BODY_BYTES is answered 413 with its message, not a reset", async () => {
    const answer = await post("/api/trpc/datasets.create", repeatedChunks(Buffer.alloc(64 * 1024, "x"), 3 * LIMITS.bodyBytes), "application/json");
    expect(answer.status).toBe(413);
    const error = (JSON.parse(answer.text) as { error: { json: { message: string; data: { httpStatus: number } } } }).error.json;
    expect(error.message).toBe("The request body is larger than 1 MiB (TRIALRUN_MAX_BODY_BYTES). Send fewer items per call.");
    expect(error.data.httpStatus).toBe(413);
    // The server is fine afterwards.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it("an API path with an invalid percent-encoding is a 400", async () => {
    const res = await fetch(`${server.url}/api/trpc/x%FF`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { json: { message: string } } }).error.json.message).toMatch(/invalid percent-encoding/);
  });

  it("a batch over TRIALRUN_MAX_BATCH_SIZE is a 400 naming the limit", async () => {
    const calls = LIMITS.batch + 1;
    const path = `/api/trpc/${Array.from({ length: calls }, () => "datasets.list").join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify({}))}`;
    const res = await fetch(`${server.url}${path}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { json: { message: string } } }).error.json.message).toContain(
      `at most ${LIMITS.batch} per request (TRIALRUN_MAX_BATCH_SIZE)`,
    );
  });

  it("an import body over TRIALRUN_MAX_IMPORT_BYTES is answered 413 with its message, not a reset", async () => {
    const ds = await server.client.datasets.create.mutate({ name: "limits-import-too-large" });
    const row = Buffer.from(`question,${"an answer ".repeat(100)}\n`);
    const rows = (function* () {
      yield Buffer.from("input,expectedOutput\n");
      yield* repeatedChunks(Buffer.concat(Array.from({ length: 64 }, () => row)), 2 * LIMITS.importBytes);
    })();
    const answer = await post(`/api/datasets/${ds.id}/import?format=csv`, rows, "text/csv");
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toEqual({
      ok: false,
      error: "The file is larger than 4 MiB, the most one import may send (TRIALRUN_MAX_IMPORT_BYTES). Split it into smaller files, or raise the limit.",
    });
    expect((await server.client.datasets.get.query({ id: ds.id })).itemCount).toBe(0);
  });

  it("an import of many bad rows stops after the errors it lists, answers with where it stopped, and the connection holds", async () => {
    const ds = await server.client.datasets.create.mutate({ name: "limits-bad-rows" });
    // About 3 MB: well past the rows the import reads before it stops.
    const answer = await post(`/api/datasets/${ds.id}/import?format=csv`, csvOfBadRows(200_000), "text/csv");
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toMatchObject({
      ok: false,
      moreErrors: true,
      rowsRead: 21,
      stoppedAt: { line: 22, message: "…and more; the import stopped at line 22." },
    });
  });

  it("an import with a line of a million columns is refused with its line, and the server keeps answering", async () => {
    const ds = await server.client.datasets.create.mutate({ name: "limits-wide-line" });
    const health = (async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) {
        statuses.push((await fetch(`${server.url}/api/health`)).status);
        await new Promise((r) => setTimeout(r, 20));
      }
      return statuses;
    })();
    const answer = await post(`/api/datasets/${ds.id}/import?format=csv`, [Buffer.from(`input,expectedOutput\nq,a\n${",".repeat(999_999)}\n`)], "text/csv");
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toMatchObject({ ok: false, fileError: { line: 3, message: expect.stringContaining("more than 2,000 cells") } });
    expect(new Set(await health)).toEqual(new Set([200]));
  });

  it("a REST or page path with an invalid percent-encoding is a 400 that says so, not a 500", async () => {
    const importRes = await fetch(`${server.url}/api/datasets/%FF/import?format=csv`, { method: "POST", body: "input\na\n" });
    expect(importRes.status).toBe(400);
    expect(await importRes.json()).toMatchObject({ ok: false, field: "url", error: expect.stringMatching(/invalid percent-encoding/) as unknown });
    const exportRes = await fetch(`${server.url}/api/runs/%E0%A4%A/export?format=csv`);
    expect(exportRes.status).toBe(400);
    const page = await fetch(`${server.url}/datasets/%FF`);
    expect(page.status).toBe(400);
    expect(await page.text()).toMatch(/invalid percent-encoding/);
    // The server goes on answering.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});
