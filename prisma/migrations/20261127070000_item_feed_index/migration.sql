-- DropIndex
DROP INDEX "DatasetItem_datasetId_validFrom_id_idx";

-- CreateIndex
CREATE INDEX "DatasetItem_datasetId_ordinal_idx" ON "DatasetItem"("datasetId", "ordinal");

