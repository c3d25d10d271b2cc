import { expect, it } from "vitest";
import { GET as exportDataset } from "@/app/api/datasets/[id]/export/route";
import { GET as exportRun } from "@/app/api/runs/[id]/export/route";

it("an id with an invalid percent-encoding answers 400 with a message, not 500", async () => {
  for (const [handler, url] of [
    [exportDataset, "http://127.0.0.1/api/datasets/%FF/export"],
    [exportRun, "http://127.0.0.1/api/runs/%E0%A4%A/export?format=json"],
  ] as const) {
    // However the framework hands over the param (undecoded, or a promise that rejects), the answer is 400.
    for (const params of [Promise.resolve({ id: "%FF" }), Promise.reject(new URIError("URI malformed"))]) {
      params.catch(() => {});
      const response = await handler(new Request(url), { params });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: "id: the URL holds an invalid percent-encoding (such as %FF)", field: "id" });
    }
  }
  const notFound = await exportDataset(new Request("http://127.0.0.1/api/datasets/nope/export"), { params: Promise.resolve({ id: "nope" }) });
  expect(notFound.status).toBe(404);
});
