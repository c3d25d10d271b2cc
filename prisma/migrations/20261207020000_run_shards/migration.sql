-- CreateTable
CREATE TABLE "RunShard" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "index" INTEGER NOT NULL,
    "afterOrdinal" INTEGER NOT NULL,
    "lastOrdinal" INTEGER NOT NULL,
    "done" BOOLEAN NOT NULL DEFAULT false,
    "slots" INTEGER NOT NULL,
    "slot" INTEGER,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RunShard_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "RunShard_runId_round_index_key" ON "RunShard"("runId", "round", "index");

