import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openSqlite, ServiceProcess } from "./processes";

/**
 * A start while other connections have the SQLite file open: a second
 * instance (README: its own TRIALRUN_INSTANCE_ID and PORT), a reader with an
 * open read transaction (a backup), a connection holding the write lock (a
 * sqlite3 shell mid-transaction). With no migration pending, the start must
 * not need the file alone.
 */
const dbFile = path.resolve(`data/system/shared-${Date.now()}.db`);
const first = new ServiceProcess(3316, dbFile);
const second = new ServiceProcess(3317, dbFile);

afterAll(async () => {
  for (const service of [first, second]) {
    if (service.child?.exitCode === null) {
      process.kill(service.pgid, "SIGTERM");
      await service.exit;
    }
  }
});

describe("a second instance on the same SQLite file", () => {
  it("starts while the first one runs, a reader holds a read transaction and another connection holds the write lock", async () => {
    const firstReadyMs = await first.start("node", { TRIALRUN_INSTANCE_ID: "first" });
    const ds = await first.client.datasets.create.mutate({ name: "made-by-first" });

    const reader = openSqlite(dbFile);
    reader.exec("BEGIN");
    expect(reader.prepare("SELECT count(*) AS n FROM Dataset").get()).toEqual({ n: 1 });
    const shell = openSqlite(dbFile);
    shell.exec("BEGIN IMMEDIATE");
    let shellOpen = true;
    try {
      const starting = second.start("node", { TRIALRUN_INSTANCE_ID: "second" });
      // The write lock stays held through the migration step (what used to
      // fail); after it, the app's first writes at start would only wait for
      // the lock (up to the 10 s busy timeout), which says nothing more here.
      const lockHeldSince = Date.now();
      while (!/Database is up to date|Applying|migrate/.test(second.log) && second.child?.exitCode === null) {
        await new Promise((r) => setTimeout(r, 20));
      }
      const migrationStepMs = Date.now() - lockHeldSince;
      expect(second.log).toMatch(/Database is up to date \(no pending migrations\)/);
      // Reads go on while the write lock is held.
      expect((await first.client.datasets.list.query()).map((d) => d.id)).toEqual([ds.id]);
      shell.exec("ROLLBACK");
      shellOpen = false;
      const secondReadyMs = await starting;
      expect(second.log).not.toMatch(/SocketTimeout|migrate deploy failed/);
      // With the lock released, each instance sees the other's writes.
      const made = await second.client.datasets.create.mutate({ name: "made-by-second" });
      expect((await first.client.datasets.list.query()).map((d) => d.name).sort()).toEqual(["made-by-first", "made-by-second"]);
      expect((await second.client.datasets.get.query({ id: made.id })).name).toBe("made-by-second");
      console.log(
        `shared file: first instance ready in ${firstReadyMs} ms (fresh file, migrations applied); second past its migration check in ${migrationStepMs} ms with a read transaction and the write lock held by others, ready in ${secondReadyMs} ms`,
      );
    } finally {
      if (shellOpen) shell.exec("ROLLBACK");
      shell.close();
      reader.exec("COMMIT");
      reader.close();
    }

    for (const service of [first, second]) {
      process.kill(service.pgid, "SIGTERM");
      expect(await service.exit).toEqual({ code: 0, signal: null });
    }
  });
});
