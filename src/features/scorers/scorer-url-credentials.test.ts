import { describe, expect, it } from "vitest";
import { SECRET_MASK } from "@/features/targets";
import { db } from "@/server/db";
import { api } from "@/test/caller";
import { closeAfterEach, datasetWith, waitForRunEnd } from "@/test/fixtures";
import { json, startHttpTarget } from "@/test/http-target";

const closed = closeAfterEach();

describe("URL credentials of a run's scorers", () => {
  it("runs.get shows the http scorer's url and the judge's baseUrl masked; the run calls with the real ones", async () => {
    const scoring = closed(await startHttpTarget((_request, res) => json(res, 200, { score: 1 })));
    const port = new URL(scoring.url).port;
    const ds = await datasetWith([{ input: "a", expectedOutput: "a" }]);
    const scoringUrl = `http://127.0.0.1:${port}/score?api_key=K-secret-123&mode=strict`;
    const judgeUrl = `http://judge-user:judge-pass@127.0.0.1:${port}/v1?token=T-secret-9`;
    const { runId } = await api().runs.trigger({
      datasetId: ds.id,
      target: { kind: "echo" },
      scorers: [
        { type: "http", name: "remote", params: { url: scoringUrl } },
        { type: "llm-judge", name: "judge", params: { baseUrl: judgeUrl, model: "m", retries: 0, timeoutMs: 2000 } },
      ],
    });
    await waitForRunEnd(runId);

    const run = await api().runs.get({ id: runId });
    const shown = JSON.stringify(run.scorers);
    for (const secret of ["K-secret-123", "judge-pass", "T-secret-9"]) expect(shown).not.toContain(secret);
    const [remote, judge] = run.scorers as unknown as [{ params: { url: string } }, { params: { baseUrl: string } }];
    expect(remote.params.url).toBe(`http://127.0.0.1:${port}/score?api_key=${SECRET_MASK}&mode=strict`);
    expect(judge.params.baseUrl).toBe(`http://judge-user:${SECRET_MASK}@127.0.0.1:${port}/v1?token=${SECRET_MASK}`);

    // Stored as given: the scorer called the real URL.
    const stored = JSON.stringify((await db.run.findUniqueOrThrow({ where: { id: runId }, select: { scorers: true } })).scorers);
    expect(stored).toContain("K-secret-123");
    const results = await api().runs.results({ runId });
    expect(results.results[0]!.scores.find((s) => s.name === "remote")?.value).toBe(1);

    // Sent back as shown, the masked URL is refused with a field error, not used.
    await expect(api().runs.trigger({ datasetId: ds.id, target: { kind: "echo" }, scorers: [remote as never] })).rejects.toThrow(
      /a credential in the URL is masked; enter it again/,
    );
  });
});
