/**
 * Figures of the engine's cost for `npm run bench`: the CPU time of engine
 * processes (from /proc), and the raw write ceiling of the database — the
 * rows an echo run writes (a result and two scores per item), inserted in
 * transactions of 500 by our bulk insert with no engine around them.
 */
import fs from "node:fs";
import { newId } from "@/lib/id";

const TICKS_PER_SECOND = 100; // Linux USER_HZ

/** The fields of /proc/<pid>/stat from field 3 on (after the command name, which may hold spaces); null once it is gone. */
function statFields(pid: number): string[] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

/** User + system CPU seconds a process has used so far (0 once it is gone). */
export function cpuSeconds(pid: number): number {
  const fields = statFields(pid);
  return fields ? (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND : 0;
}

/**
 * CPU seconds of a database server so far: its main process, the children it
 * has reaped (backends of closed connections) and the live ones.
 */
export function serverTreeCpuSeconds(pid: number): number {
  const fields = statFields(pid);
  if (!fields) return 0;
  // utime, stime, then cutime and cstime: the CPU of children it has reaped.
  const own = (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
  return own + childPids(pid).reduce((sum, child) => sum + cpuSeconds(child), 0);
}

/** The engine worker processes started by a web server (`npm start` starts one as its child). */
export function childPids(pid: number): number[] {
  const file = `/proc/${pid}/task/${pid}/children`;
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
}

/**
 * Results per second our bulk insert writes into `databaseUrl` — each with
 * two scores, 500 per driver transaction, the shape of the engine's result writes —
 * for `count` results of a run of the given dataset. The bench process opens
 * its own connection; the server keeps running beside it, idle.
 */
export async function rawWriteCeiling(databaseUrl: string, datasetId: string, count: number): Promise<number> {
  process.env.DATABASE_URL = databaseUrl;
  process.env.TRIALRUN_SECRET_KEY ??= "5".repeat(64);
  const { db } = await import("@/server/db");
  const { insertRows } = await import("@/server/bulk-insert");
  const { driverTransaction, sqlText } = await import("@/server/driver-sql");
  const { RESULT_COLUMNS, SCORE_COLUMNS } = await import("@/features/runs/engine/result-writer");
  const items = await db.datasetItem.findMany({
    where: { datasetId },
    select: { id: true, itemId: true, ordinal: true },
    take: count,
    orderBy: { ordinal: "asc" },
  });
  const run = await db.run.create({
    data: { datasetId, datasetVersion: 1, target: { kind: "echo" }, scorers: [], settings: {}, total: items.length, status: "completed" },
  });
  const started = performance.now();
  for (let start = 0; start < items.length; start += 500) {
    const batch = items.slice(start, start + 500).map((item) => ({ ...item, resultId: newId() }));
    const now = new Date();
    await driverTransaction(async (sql) => {
      await insertRows(
        sql,
        "Result",
        RESULT_COLUMNS,
        batch.map((r) => [r.resultId, run.id, r.id, r.itemId, r.ordinal, 0, r.ordinal, null, 1, 1, 1, null, null, null, `${r.ordinal}\n`, now, now]),
      );
      await insertRows(
        sql,
        "Score",
        SCORE_COLUMNS,
        batch.flatMap((r) =>
          ["exact-match", "levenshtein"].map((name) => [newId(), r.resultId, run.id, name, 1, true, null, null, false, null, null, null, now, now]),
        ),
      );
      await sql.run(sqlText(`UPDATE "Run" SET "doneCount" = "doneCount" + ? WHERE "id" = ?`), [batch.length, run.id]);
    });
  }
  const perSecond = items.length / ((performance.now() - started) / 1000);
  await db.run.delete({ where: { id: run.id } });
  await db.$disconnect();
  return perSecond;
}
