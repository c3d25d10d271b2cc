"use client";

import { useEffect, useMemo, useRef, useState, type DragEvent } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog } from "@/components/ui/dialog";
import { Checkbox, Input, Select } from "@/components/ui/field";
import { CheckIcon } from "@/components/ui/icons";
import { Callout } from "@/components/ui/states";
import { MonoCell, TableCard, Td, Th, THead, Tr } from "@/components/ui/table";
import { previewJson } from "@/lib/json";
import { api } from "@/lib/trpc/react";
import { applyMapping, columnTargetSchema, defaultMapping, type ImportFormat, type ImportMapping } from "../import/mapping";
import { formatOfFile, previewFile, uploadImport, type FilePreview, type UploadOutcome } from "./import-preview";

type Target = ImportMapping["columns"][string]["to"];

const TARGET_LABELS: Record<Target, string> = {
  input: "Input",
  expectedOutput: "Expected output",
  metadata: "Metadata",
  ignore: "Ignore",
};

const FORMAT_LABELS: Record<ImportFormat, string> = { csv: "CSV", json: "JSON", jsonl: "JSONL" };

type Stage = { kind: "edit" } | { kind: "uploading"; sent: number; total: number } | { kind: "done"; outcome: UploadOutcome };

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Import a CSV / JSON / JSONL file: pick it, see its first rows, map its
 * columns to item fields (starting from the server's own defaults), see the
 * first items as they will be saved, then upload it with progress. The import
 * is all or nothing; row errors are listed and nothing is saved.
 */
export function ImportDialog({ datasetId, open, onOpenChange }: { datasetId: string; open: boolean; onOpenChange: (open: boolean) => void }) {
  const utils = api.useUtils();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<ImportFormat>("csv");
  const [preview, setPreview] = useState<FilePreview | null>(null);
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [note, setNote] = useState("");
  const [stage, setStage] = useState<Stage>({ kind: "edit" });
  const [dragging, setDragging] = useState(false);
  const abortRef = useRef<(() => void) | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (open) return;
    // Reset when closed, so the next import starts clean.
    abortRef.current?.();
    setFile(null);
    setPreview(null);
    setMapping(null);
    setNote("");
    setStage({ kind: "edit" });
  }, [open]);

  async function choose(next: File | null, nextFormat?: ImportFormat) {
    setStage({ kind: "edit" });
    setFile(next);
    setPreview(null);
    setMapping(null);
    if (!next) return;
    const fmt = nextFormat ?? formatOfFile(next.name) ?? "csv";
    setFormat(fmt);
    const result = await previewFile(next, fmt);
    setPreview(result);
    setMapping(result.ok ? defaultMapping(result.columns) : null);
  }

  const pathErrors = useMemo(() => {
    const errors: Record<string, string> = {};
    for (const [column, target] of Object.entries(mapping?.columns ?? {})) {
      const parsed = columnTargetSchema.safeParse(target);
      if (!parsed.success) errors[column] = `Path ${parsed.error.issues[0]?.message ?? "is invalid"}`;
    }
    return errors;
  }, [mapping]);
  const hasInput = mapping ? Object.values(mapping.columns).some((c) => c.to === "input") : false;
  const items = useMemo(() => (preview?.ok && mapping ? preview.rows.slice(0, 5).map((row) => applyMapping(row, mapping, format === "csv")) : []), [preview, mapping, format]);

  // A JSON file too big to preview can still be imported with the server's default mapping.
  const previewBlocked = preview !== null && !preview.ok;
  const canImportDefault = previewBlocked && format === "json" && file !== null;
  const canImport = file !== null && stage.kind === "edit" && ((preview?.ok === true && hasInput && Object.keys(pathErrors).length === 0) || canImportDefault);

  function setColumn(column: string, patch: Partial<ImportMapping["columns"][string]>) {
    setMapping((current) => {
      if (!current) return current;
      const existing = current.columns[column] ?? { to: "ignore" as const, path: "" };
      return { ...current, columns: { ...current.columns, [column]: { ...existing, ...patch } } };
    });
  }

  async function startImport() {
    if (!file) return;
    const params = new URLSearchParams({ format });
    if (mapping && preview?.ok) params.set("mapping", JSON.stringify(mapping));
    if (note.trim()) params.set("note", note.trim());
    setStage({ kind: "uploading", sent: 0, total: file.size });
    const upload = uploadImport(`/api/datasets/${encodeURIComponent(datasetId)}/import?${params.toString()}`, file, (sent, total) => setStage({ kind: "uploading", sent, total }));
    abortRef.current = upload.abort;
    const outcome = await upload.done;
    abortRef.current = null;
    setStage({ kind: "done", outcome });
    if (outcome.kind === "imported") {
      await Promise.all([
        utils.items.list.invalidate({ datasetId }),
        utils.datasets.get.invalidate({ id: datasetId }),
        utils.datasets.versions.invalidate({ id: datasetId }),
        utils.datasets.list.invalidate(),
      ]);
    }
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) void choose(dropped);
  }

  const uploading = stage.kind === "uploading";
  const done = stage.kind === "done" ? stage.outcome : null;

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next && uploading) abortRef.current?.();
        onOpenChange(next);
      }}
      title="Import items"
      description="CSV, JSON or JSONL. The whole file becomes one new dataset version — or, if any row is invalid, nothing is imported."
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
              <Button variant="primary" onClick={() => setStage({ kind: "edit" })}>
                Back to mapping
              </Button>
            ) : (
              <Button variant="primary" disabled={!canImport} loading={uploading} onClick={() => void startImport()}>
                Import{file ? ` ${FORMAT_LABELS[format]}` : ""}
              </Button>
            )}
          </>
        )
      }
    >
      {done ? (
        <ImportOutcomeView outcome={done} fileName={file?.name ?? ""} />
      ) : uploading ? (
        <UploadProgress sent={stage.sent} total={stage.total} fileName={file?.name ?? ""} />
      ) : (
        <div className="flex flex-col gap-5">
          {/* 1. The file */}
          <div
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            className={cn(
              "flex items-center gap-4 rounded-lg border border-dashed px-4 py-3.5 transition-colors",
              dragging ? "border-blue-400 bg-blue-50/60" : "border-zinc-300 bg-zinc-50/50",
            )}
          >
            <div className="min-w-0 flex-1">
              {file ? (
                <>
                  <p className="truncate text-[13px] font-medium text-zinc-900" data-testid="import-file-name">
                    {file.name}
                  </p>
                  <p className="text-xs text-zinc-500">{formatBytes(file.size)} · only the first rows are read here; the server reads the whole file on import</p>
                </>
              ) : (
                <>
                  <p className="text-[13px] font-medium text-zinc-800">Drop a file here, or choose one</p>
                  <p className="text-xs text-zinc-500">.csv (header row = columns), .jsonl (one object per line), .json (an array of objects)</p>
                </>
              )}
            </div>
            {file && (
              <label className="flex items-center gap-1.5 text-xs text-zinc-600">
                Format
                <Select aria-label="File format" className="h-7 w-24 text-xs" value={format} onChange={(e) => void choose(file, e.target.value as ImportFormat)}>
                  <option value="csv">CSV</option>
                  <option value="jsonl">JSONL</option>
                  <option value="json">JSON</option>
                </Select>
              </label>
            )}
            <input
              ref={inputRef}
              type="file"
              accept=".csv,.json,.jsonl,.ndjson,text/csv,application/json"
              className="sr-only"
              aria-label="File to import"
              data-testid="import-file-input"
              onChange={(e) => void choose(e.target.files?.[0] ?? null)}
            />
            <Button onClick={() => inputRef.current?.click()}>{file ? "Choose another" : "Choose file"}</Button>
          </div>

          {preview && !preview.ok && (
            <Callout tone={canImportDefault ? "amber" : "red"} title={canImportDefault ? "No preview for this file" : "This file cannot be read"} data-testid="import-preview-error">
              {preview.error}
            </Callout>
          )}

          {preview?.ok && mapping && (
            <>
              {/* 2. Mapping */}
              <section>
                <div className="mb-2 flex items-end justify-between gap-3">
                  <div>
                    <h3 className="text-[13px] font-semibold text-zinc-900">Columns</h3>
                    <p className="text-xs text-zinc-500">Where each {format === "csv" ? "column" : "key"} goes. A path puts it inside the field, e.g. input at path “question” → input.question.</p>
                  </div>
                  {format === "csv" && <Checkbox label="Cells holding JSON are parsed as JSON" checked={mapping.parseJsonCells} onChange={(checked) => setMapping({ ...mapping, parseJsonCells: checked })} />}
                </div>
                <TableCard>
                  <colgroup>
                    <col className="w-[22%]" />
                    <col className="w-[22%]" />
                    <col className="w-44" />
                    <col />
                  </colgroup>
                  <THead>
                    <Th>{format === "csv" ? "Column" : "Key"}</Th>
                    <Th>First value</Th>
                    <Th>Goes to</Th>
                    <Th>Path (optional)</Th>
                  </THead>
                  <tbody>
                    {preview.columns.map((column) => {
                      const target = mapping.columns[column] ?? { to: "ignore" as const, path: "" };
                      const error = pathErrors[column];
                      return (
                        <Tr key={column} data-testid="mapping-row">
                          <Td className="font-mono text-xs font-medium text-zinc-900" title={column}>
                            {column}
                          </Td>
                          <Td>
                            <MonoCell value={previewJson(preview.rows[0]?.[column], 120)} className="text-zinc-500" />
                          </Td>
                          <Td>
                            <Select aria-label={`${column} goes to`} className="h-7 text-xs" value={target.to} onChange={(e) => setColumn(column, { to: e.target.value as Target })}>
                              {(Object.keys(TARGET_LABELS) as Target[]).map((to) => (
                                <option key={to} value={to}>
                                  {TARGET_LABELS[to]}
                                </option>
                              ))}
                            </Select>
                          </Td>
                          <Td>
                            <div className="flex items-center gap-1.5">
                              <span className="shrink-0 font-mono text-[11px] text-zinc-400">{target.to === "ignore" ? "" : target.to === "expectedOutput" ? "expected." : `${target.to}.`}</span>
                              <Input
                                aria-label={`${column} path`}
                                aria-invalid={error ? true : undefined}
                                title={error}
                                disabled={target.to === "ignore"}
                                className="h-7 font-mono text-xs"
                                placeholder="(whole field)"
                                value={target.path}
                                onChange={(e) => setColumn(column, { path: e.target.value })}
                              />
                            </div>
                          </Td>
                        </Tr>
                      );
                    })}
                  </tbody>
                </TableCard>
                {!hasInput && (
                  <p className="mt-2 text-xs text-red-600" data-testid="mapping-error">
                    Map at least one {format === "csv" ? "column" : "key"} to the input.
                  </p>
                )}
                {Object.entries(pathErrors).map(([column, message]) => (
                  <p key={column} className="mt-2 text-xs text-red-600" data-testid="mapping-error">
                    {column}: {message}
                  </p>
                ))}
              </section>

              {/* 3. What the first items will look like */}
              <section>
                <h3 className="text-[13px] font-semibold text-zinc-900">Preview</h3>
                <p className="mb-2 text-xs text-zinc-500">
                  The first {items.length} {items.length === 1 ? "item" : "items"} as they will be saved{preview.partial ? " (more rows follow in the file)" : ""}.
                </p>
                <TableCard>
                  <colgroup>
                    <col className="w-10" />
                    <col className="w-[40%]" />
                    <col className="w-[28%]" />
                    <col />
                  </colgroup>
                  <THead>
                    <Th className="text-right">Row</Th>
                    <Th>Input</Th>
                    <Th>Expected output</Th>
                    <Th>Metadata</Th>
                  </THead>
                  <tbody>
                    {items.map((item, index) => {
                      const empty = item.input === undefined || item.input === null || item.input === "";
                      return (
                        <Tr key={index} data-testid="import-preview-row">
                          <Td className="text-right text-xs text-zinc-400 tabular-nums">{index + 1}</Td>
                          <Td>{empty ? <span className="text-xs text-red-600">input is empty</span> : <MonoCell value={previewJson(item.input, 300)} />}</Td>
                          <Td>
                            <MonoCell value={previewJson(item.expectedOutput, 200)} />
                          </Td>
                          <Td>
                            <MonoCell value={item.metadata ? previewJson(item.metadata, 200) : ""} className="text-zinc-500" />
                          </Td>
                        </Tr>
                      );
                    })}
                  </tbody>
                </TableCard>
              </section>

              <label className="flex flex-col gap-1.5">
                <span className="text-xs font-medium text-zinc-700">Version note (optional)</span>
                <Input value={note} maxLength={200} placeholder={`e.g. imported ${file?.name ?? "file"}`} onChange={(e) => setNote(e.target.value)} />
              </label>
            </>
          )}
        </div>
      )}
    </Dialog>
  );
}

function UploadProgress({ sent, total, fileName }: { sent: number; total: number; fileName: string }) {
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
      <div role="progressbar" aria-label="Upload progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-2 w-full overflow-hidden rounded-full bg-zinc-100">
        <div className={cn("h-full bg-blue-500 transition-[width] duration-300", uploaded && "progress-stripes")} style={{ width: `${pct}%` }} />
      </div>
      <p className="text-xs text-zinc-500">The import is one transaction: until it finishes, the dataset is unchanged.</p>
    </div>
  );
}

function ImportOutcomeView({ outcome, fileName }: { outcome: UploadOutcome; fileName: string }) {
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
  return (
    <div className="flex flex-col gap-3" data-testid="import-errors">
      <Callout title="Nothing was imported">
        {outcome.errors.length === 1 ? "One row is" : `${outcome.moreErrors ? "At least " : ""}${outcome.errors.length}${outcome.moreErrors ? "+" : ""} rows are`} invalid, so the whole file was refused and the dataset is unchanged
        {outcome.rowsRead > 0 && <> ({outcome.rowsRead.toLocaleString()} rows read)</>}. Fix the rows below — or the mapping — and import again.
      </Callout>
      <TableCard>
        <colgroup>
          <col className="w-20" />
          <col />
        </colgroup>
        <THead>
          <Th className="text-right">Row</Th>
          <Th>Problem</Th>
        </THead>
        <tbody>
          {outcome.errors.map((error, index) => (
            <Tr key={index} data-testid="import-error-row">
              <Td className="text-right font-mono text-xs text-zinc-500 tabular-nums">{error.row > 0 ? `row ${error.row}` : "file"}</Td>
              <Td className="h-auto py-2 text-red-700">
                <div className="whitespace-normal [overflow-wrap:anywhere]">{error.message}</div>
              </Td>
            </Tr>
          ))}
        </tbody>
      </TableCard>
      {outcome.moreErrors && <p className="text-xs text-zinc-500">Only the first {outcome.errors.length} problems are listed.</p>}
    </div>
  );
}
