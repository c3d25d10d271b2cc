-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Result" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "datasetItemId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "repetition" INTEGER NOT NULL DEFAULT 0,
    "output" JSONB,
    "error" TEXT,
    "latencyMs" INTEGER,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "round" INTEGER NOT NULL DEFAULT 1,
    "promptTokens" INTEGER,
    "completionTokens" INTEGER,
    "costUsd" REAL,
    "searchText" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Result_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Result_datasetItemId_fkey" FOREIGN KEY ("datasetItemId") REFERENCES "DatasetItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Result" ("attempts", "completionTokens", "costUsd", "createdAt", "datasetItemId", "error", "id", "itemId", "latencyMs", "ordinal", "output", "promptTokens", "repetition", "round", "runId", "updatedAt") SELECT "attempts", "completionTokens", "costUsd", "createdAt", "datasetItemId", "error", "id", "itemId", "latencyMs", "ordinal", "output", "promptTokens", "repetition", "round", "runId", "updatedAt" FROM "Result";
DROP TABLE "Result";
ALTER TABLE "new_Result" RENAME TO "Result";
CREATE INDEX "Result_runId_ordinal_repetition_idx" ON "Result"("runId", "ordinal", "repetition");
CREATE INDEX "Result_runId_error_idx" ON "Result"("runId", "error");
CREATE INDEX "Result_runId_latencyMs_idx" ON "Result"("runId", "latencyMs");
CREATE INDEX "Result_runId_itemId_repetition_idx" ON "Result"("runId", "itemId", "repetition");
CREATE INDEX "Result_itemId_idx" ON "Result"("itemId");
CREATE UNIQUE INDEX "Result_runId_datasetItemId_repetition_key" ON "Result"("runId", "datasetItemId", "repetition");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

