-- CreateIndex
CREATE INDEX "Result_runId_latencyMs_idx" ON "Result"("runId", "latencyMs");

-- CreateIndex
CREATE INDEX "Result_runId_itemId_repetition_idx" ON "Result"("runId", "itemId", "repetition");

