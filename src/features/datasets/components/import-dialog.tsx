"use client";

import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { ImportFormat } from "../import/mapping";
import { ImportEditStage } from "./import-edit-stage";
import { ImportOutcomeView, UploadProgress } from "./import-outcome";
import { useImportFlow } from "./use-import-flow";

const FORMAT_LABELS: Record<ImportFormat, string> = { csv: "CSV", json: "JSON", jsonl: "JSONL" };

/**
 * Import a CSV / JSON / JSONL file: pick it, see its first rows, map its
 * columns to item fields (starting from the server's own defaults), see the
 * first items as they will be saved, then upload it with progress. The import
 * is all or nothing; row errors are listed and nothing is saved.
 *
 * The flow's state lives in useImportFlow; this shell shows its stage —
 * editing (import-edit-stage.tsx), uploading or done (import-outcome.tsx).
 */
export function ImportDialog({ datasetId, open, onOpenChange }: { datasetId: string; open: boolean; onOpenChange: (open: boolean) => void }) {
  const flow = useImportFlow(datasetId, open);
  const { file, format, stage } = flow;
  const uploading = stage.kind === "uploading";
  const done = stage.kind === "done" ? stage.outcome : null;

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next && uploading) flow.abortUpload();
        onOpenChange(next);
      }}
      title="Import items"
      description="CSV (comma, semicolon, tab or pipe), JSON or JSONL, in UTF-8, UTF-16 or Windows-1252. The whole file becomes one new dataset version — or, if any row is invalid, nothing is imported."
      size="lg"
      data-testid="import-dialog"
      footer={
        done?.kind === "imported" ? (
          <Button variant="primary" onClick={() => onOpenChange(false)}>
            Done
          </Button>
        ) : (
          <>
            <Button onClick={() => onOpenChange(false)}>{uploading ? "Cancel upload" : "Cancel"}</Button>
            {done ? (
              <Button variant="primary" onClick={flow.backToMapping}>
                Back to mapping
              </Button>
            ) : (
              <Button variant="primary" disabled={!flow.canImport} loading={uploading} onClick={() => void flow.startImport()}>
                Import{file ? ` ${FORMAT_LABELS[format]}` : ""}
              </Button>
            )}
          </>
        )
      }
    >
      {done ? (
        <ImportOutcomeView outcome={done} fileName={file?.name ?? ""} />
      ) : stage.kind === "uploading" ? (
        <UploadProgress sent={stage.sent} total={stage.total} fileName={file?.name ?? ""} />
      ) : (
        <ImportEditStage flow={flow} />
      )}
    </Dialog>
  );
}
