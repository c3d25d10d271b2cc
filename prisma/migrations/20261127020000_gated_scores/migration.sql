-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Score" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "resultId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" REAL,
    "passed" BOOLEAN,
    "reason" TEXT,
    "error" TEXT,
    "skipped" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Score_resultId_fkey" FOREIGN KEY ("resultId") REFERENCES "Result" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Score" ("createdAt", "error", "id", "name", "passed", "reason", "resultId", "runId", "updatedAt", "value") SELECT "createdAt", "error", "id", "name", "passed", "reason", "resultId", "runId", "updatedAt", "value" FROM "Score";
DROP TABLE "Score";
ALTER TABLE "new_Score" RENAME TO "Score";
CREATE INDEX "Score_runId_name_value_idx" ON "Score"("runId", "name", "value");
CREATE UNIQUE INDEX "Score_resultId_name_key" ON "Score"("resultId", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

