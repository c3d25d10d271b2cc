import PgBoss from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import { dialect } from "@/server/dialect";
import { createQueueOnce } from "./pg-boss";

// Processes that start together (a web instance and its workers) each create
// the queue; pg-boss 10 does not serialize that, and PostgreSQL ends one of
// them as a deadlock unless createQueueOnce makes them take turns.
describe.runIf(dialect === "postgres")("the job queue of PostgreSQL deployments", () => {
  const bosses = Array.from({ length: 6 }, () => new PgBoss({ connectionString: process.env.DATABASE_URL, max: 2, schema: "trialrun_jobs" }));
  afterAll(async () => {
    await Promise.all(bosses.map((boss) => boss.stop({ graceful: false, wait: true })));
  });

  it("is created once when several processes start at the same moment", async () => {
    for (const boss of bosses) await boss.start();
    await Promise.all(bosses.map((boss) => createQueueOnce(boss)));
    const [first, second] = bosses as [PgBoss, PgBoss];
    const ours = async () => (await first.getQueues()).filter((queue) => queue.name === "trialrun-shards");
    expect(await ours()).toHaveLength(1);
    // Creating it again is a no-op.
    await createQueueOnce(second);
    expect(await ours()).toHaveLength(1);
  });
});
