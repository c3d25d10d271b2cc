import { cn } from "@/components/ui/cn";
import { CheckIcon } from "@/components/ui/icons";
import { Callout } from "@/components/ui/states";
import { TableCard, TableColumns, Td, Tr } from "@/components/ui/table";
import { rowLabel } from "../import/read-file";
import type { UploadOutcome } from "./import-preview";

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** True when a message already says which line it is about (then no "Line N:" prefix is added). */
export function namesLine(message: string, line: number): boolean {
  return message.toLowerCase().includes(`line ${line}`);
}

/** The uploading stage: bytes sent, then the server checking and saving rows. */
export function UploadProgress({ sent, total, fileName }: { sent: number; total: number; fileName: string }) {
  const uploaded = total > 0 && sent >= total;
  const pct = total > 0 ? Math.min(100, Math.round((sent / total) * 100)) : 0;
  return (
    <div className="flex flex-col gap-3 py-6" data-testid="import-progress">
      <div className="flex items-baseline justify-between text-[13px]">
        <span className="truncate font-medium text-zinc-800">{uploaded ? "Checking and saving rows on the server…" : `Uploading ${fileName}`}</span>
        <span className="text-xs text-zinc-500 tabular-nums">
          {formatBytes(sent)} / {formatBytes(total)}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label="Upload progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        className="h-2 w-full overflow-hidden rounded-full bg-zinc-100"
      >
        <div className={cn("h-full bg-blue-500 transition-[width] duration-300", uploaded && "progress-stripes")} style={{ width: `${pct}%` }} />
      </div>
      <p className="text-xs text-zinc-500">The import is one transaction: until it finishes, the dataset is unchanged.</p>
    </div>
  );
}

/** The done stage: what the server said — imported, refused with its reasons, or failed. */
export function ImportOutcomeView({ outcome, fileName }: { outcome: UploadOutcome; fileName: string }) {
  if (outcome.kind === "imported") {
    return (
      <div className="flex flex-col items-center gap-3 py-8 text-center" data-testid="import-result">
        <span className="flex size-10 items-center justify-center rounded-full bg-emerald-50 text-emerald-600 ring-1 ring-emerald-200">
          <CheckIcon width={20} height={20} />
        </span>
        <p className="text-[15px] font-semibold text-zinc-900">
          Imported {outcome.imported.toLocaleString()} {outcome.imported === 1 ? "item" : "items"} as version v{outcome.version}
        </p>
        <p className="text-[13px] text-zinc-500">From {fileName}. Runs made before keep the version they ran on.</p>
      </div>
    );
  }
  if (outcome.kind === "failed") {
    return (
      <Callout title="The import did not go through" data-testid="import-failed">
        {outcome.message}
      </Callout>
    );
  }
  if (outcome.fileError) {
    const { fileError } = outcome;
    return (
      <div className="flex flex-col gap-3" data-testid="import-errors">
        <Callout title="Nothing was imported: the file cannot be read" data-testid="import-file-error">
          {fileError.line !== undefined && !namesLine(fileError.message, fileError.line) && (
            <span className="font-medium">
              Line {fileError.line}
              {fileError.column !== undefined ? `, column ${fileError.column}` : ""}:{" "}
            </span>
          )}
          {fileError.message} The dataset is unchanged.
        </Callout>
        {outcome.errors.length > 0 && <RowErrors outcome={outcome} />}
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-3" data-testid="import-errors">
      <Callout title="Nothing was imported">
        {outcome.moreErrors ? `More than ${outcome.errors.length} rows are` : outcome.errors.length === 1 ? "One row is" : `${outcome.errors.length} rows are`}{" "}
        invalid, so the whole file was refused and the dataset is unchanged
        {outcome.rowsRead > 0 && <> ({outcome.rowsRead.toLocaleString()} rows read)</>}. Fix the rows below — or the mapping — and import again.
      </Callout>
      <RowErrors outcome={outcome} />
    </div>
  );
}

function RowErrors({ outcome }: { outcome: Extract<UploadOutcome, { kind: "rejected" }> }) {
  return (
    <>
      {/* Two columns: on a phone the problem wraps rather than scrolling sideways out of view. */}
      <TableCard minWidth={0}>
        <TableColumns columns={[{ width: "w-20", header: "Where", className: "text-right" }, { header: "Problem" }]} />
        <tbody>
          {outcome.errors.map((error, index) => (
            <Tr key={index} data-testid="import-error-row">
              <Td className="text-right font-mono text-xs text-zinc-500 tabular-nums">{rowLabel({ line: error.line, index: error.item })}</Td>
              <Td className="h-auto py-2 text-red-700">
                <div className="whitespace-normal [overflow-wrap:anywhere]">{error.message}</div>
              </Td>
            </Tr>
          ))}
        </tbody>
      </TableCard>
      {outcome.moreErrors && (
        <p className="text-xs text-zinc-500">
          Only the first {outcome.errors.length} problems are listed{outcome.stoppedAt ? `; ${outcome.stoppedAt.message.replace(/^…and more; /, "")}` : "."}
        </p>
      )}
    </>
  );
}
