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
import { ENCODING_LABELS, TEXT_ENCODINGS, type EncodingChoice, type TextEncoding } from "@/lib/csv/decode";
import { CSV_DELIMITERS, DELIMITER_LABELS, DELIMITER_NAMES, parseDelimiterName, type CsvDelimiter, type DelimiterChoice } from "@/lib/csv/tokenizer";
import { applyMapping, cellReading, defaultMapping, type ImportFormat, type ImportMapping, type MappedItem } from "../import/mapping";
import { columnTarget, mappingErrors, mapsInput, withColumn } from "./import-mapping-state";
import { rowLabel, type ReadRow } from "../import/read-file";
import { delimiterOfFile, formatOfFile, previewFile, uploadImport, type FilePreview, type PreviewSettings, type UploadOutcome } from "./import-preview";

type Target = ImportMapping["columns"][string]["to"];

const TARGET_LABELS: Record<Target, string> = {
  input: "Input",
  expectedOutput: "Expected output",
  metadata: "Metadata",
  ignore: "Ignore",
};

const FORMAT_LABELS: Record<ImportFormat, string> = { csv: "CSV", json: "JSON", jsonl: "JSONL" };

interface ReadChoice {
  encoding: EncodingChoice;
  delimiter: DelimiterChoice;
}

const ENCODING_SOURCE: Record<PreviewSettings["encoding"]["source"], string> = {
  bom: "from its byte-order mark",
  default: "no byte-order mark, so UTF-8",
  chosen: "as chosen",
};

/** What the reader decided, in words: "UTF-16 LE (from its byte-order mark) · semicolon-separated (detected from the header)". */
function settingsSummary(settings: PreviewSettings): string {
  const encoding = `${ENCODING_LABELS[settings.encoding.encoding]} (${ENCODING_SOURCE[settings.encoding.source]})`;
  if (!settings.delimiter) return `Read as ${encoding}`;
  const delimiter = `${DELIMITER_NAMES[settings.delimiter.delimiter]}-separated (${settings.delimiter.source === "detected" ? "detected from the header" : "as chosen"})`;
  return `Read as ${encoding} · ${delimiter}`;
}

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
  const [readChoice, setReadChoice] = useState<ReadChoice>({ encoding: "auto", delimiter: "auto" });
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

  /** Reads the file's head again: a new file (its format and delimiter from its name), another format, or another encoding or delimiter. */
  async function choose(next: File | null, nextFormat?: ImportFormat, nextChoice?: ReadChoice) {
    setStage({ kind: "edit" });
    setFile(next);
    setPreview(null);
    setMapping(null);
    if (!next) return;
    const fmt = nextFormat ?? formatOfFile(next.name) ?? "csv";
    const choice = nextChoice ?? (nextFormat ? readChoice : { encoding: "auto" as const, delimiter: delimiterOfFile(next.name) });
    setFormat(fmt);
    setReadChoice(choice);
    const result = await previewFile(next, fmt, choice);
    setPreview(result);
    setMapping(result.ok ? defaultMapping(result.columns) : null);
  }

  // Keyed by column name, which the file chooses (`__proto__`, `constructor` included): a Map, not an object.
  const pathErrors = useMemo(() => mappingErrors(mapping), [mapping]);
  const hasInput = mapsInput(mapping);
  const items = useMemo(
    () => (preview?.ok && mapping ? preview.rows.slice(0, 5).map((row) => ({ row, item: row.problem ? null : applyMapping(row.value, mapping, format) })) : []),
    [preview, mapping, format],
  );

  // A JSON file too big to preview can still be imported with the server's default mapping; one that does not parse cannot.
  const canImportDefault = preview !== null && !preview.ok && preview.kind === "too-large" && file !== null;
  const canImport = file !== null && stage.kind === "edit" && ((preview?.ok === true && hasInput && pathErrors.size === 0) || canImportDefault);

  function setColumn(column: string, patch: Partial<ImportMapping["columns"][string]>) {
    setMapping((current) => (current ? withColumn(current, column, patch) : current));
  }

  async function startImport() {
    if (!file) return;
    const params = new URLSearchParams({ format });
    // The settings the preview used, resolved, so the server reads the file exactly as shown.
    const settings = preview?.ok ? preview.settings : undefined;
    params.set("encoding", settings?.encoding.encoding ?? readChoice.encoding);
    if (format === "csv" && settings?.delimiter) params.set("delimiter", DELIMITER_NAMES[settings.delimiter.delimiter]);
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
              "flex flex-wrap items-center gap-x-4 gap-y-2.5 rounded-lg border border-dashed px-4 py-3.5 transition-colors",
              dragging ? "border-blue-400 bg-blue-50/60" : "border-zinc-300 bg-zinc-50/50",
            )}
          >
            <div className="min-w-0 flex-1 basis-56">
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
                  <p className="text-xs text-zinc-500">.csv or .tsv (header row = columns), .jsonl (one object per line), .json (an array of objects)</p>
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
              accept=".csv,.tsv,.txt,.json,.jsonl,.ndjson,text/csv,text/tab-separated-values,application/json"
              className="sr-only"
              aria-label="File to import"
              data-testid="import-file-input"
              onChange={(e) => void choose(e.target.files?.[0] ?? null)}
            />
            <Button onClick={() => inputRef.current?.click()}>{file ? "Choose another" : "Choose file"}</Button>
          </div>

          {file && (
            <ReadSettings
              format={format}
              choice={readChoice}
              settings={preview?.ok ? preview.settings : preview?.settings}
              onChange={(choice) => void choose(file, format, choice)}
            />
          )}

          {preview && !preview.ok && (
            <Callout tone={canImportDefault ? "amber" : "red"} title={canImportDefault ? "No preview for this file" : "This file cannot be read"} data-testid="import-preview-error">
              {preview.line !== undefined && !namesLine(preview.error, preview.line) && (
                <span className="font-medium" data-testid="import-preview-error-where">
                  Line {preview.line}
                  {preview.column !== undefined ? `, ${format === "csv" ? "cell" : "column"} ${preview.column}` : ""}:{" "}
                </span>
              )}
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
                {format === "csv" && (
                  <p className="mb-2 text-xs leading-relaxed text-zinc-500" data-testid="value-rule">
                    {mapping.parseJsonCells ? (
                      <>
                        A cell becomes JSON only when writing that JSON back gives the same text: <code className="font-mono">42</code>, <code className="font-mono">true</code>,{" "}
                        <code className="font-mono">{'{"a":1}'}</code> do; <code className="font-mono">1.50</code>, <code className="font-mono">1e5</code>, <code className="font-mono">-0</code> and{" "}
                        <code className="font-mono">12345678901234567890</code> stay text.{" "}
                      </>
                    ) : (
                      <>Every cell is kept as text. </>
                    )}
                    An empty cell is the empty text “” wherever you map it (an empty metadata cell: no metadata).
                  </p>
                )}
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
                      const target = columnTarget(mapping, column);
                      const error = pathErrors.get(column);
                      return (
                        <Tr key={column} data-testid="mapping-row">
                          <Td className="font-mono text-xs font-medium text-zinc-900" title={column}>
                            {column}
                          </Td>
                          <Td>
                            <FirstValue raw={firstValue(preview.rows, column)} csv={format === "csv"} parseJson={mapping.parseJsonCells} />
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
                              <span className="shrink-0 font-mono text-[11px] text-zinc-500">{target.to === "ignore" ? "" : target.to === "expectedOutput" ? "expected." : `${target.to}.`}</span>
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
                {[...pathErrors].map(([column, message]) => (
                  <p key={column} className="mt-2 text-xs text-red-600" data-testid="mapping-error">
                    {column}: {message}
                  </p>
                ))}
              </section>

              {/* 3. What the first items will look like */}
              <section>
                <h3 className="text-[13px] font-semibold text-zinc-900">Preview</h3>
                <p className="mb-2 text-xs text-zinc-500">
                  {items.length === 0
                    ? `No item to preview yet${preview.partial ? ": the first rows read hold none" : ""}.`
                    : `The first ${items.length} ${items.length === 1 ? "item" : "items"} as they will be saved${preview.partial ? " (more rows follow in the file)" : ""}.`}
                </p>
                <TableCard>
                  <colgroup>
                    <col className="w-10" />
                    <col className="w-[40%]" />
                    <col className="w-[28%]" />
                    <col />
                  </colgroup>
                  <THead>
                    <Th className="text-right">{format === "json" ? "Item" : "Line"}</Th>
                    <Th>Input</Th>
                    <Th>Expected output</Th>
                    <Th>Metadata</Th>
                  </THead>
                  <tbody>
                    {items.map(({ row, item }) => {
                      const problem = row.problem ?? item?.problem ?? (isEmptyInput(item) ? "input is empty" : null);
                      return (
                        <Tr key={row.index} data-testid="import-preview-row">
                          <Td className="text-right text-xs text-zinc-500 tabular-nums" title={rowLabel(row)}>
                            {row.line ?? row.index}
                          </Td>
                          <Td>{problem || !item ? <span className="text-xs text-red-600">{problem}</span> : <MonoCell value={previewJson(item.input, 300)} />}</Td>
                          <Td>
                            <MonoCell value={item && item.expectedOutput !== undefined ? previewJson(item.expectedOutput, 200) : ""} />
                          </Td>
                          <Td>
                            <MonoCell value={item?.metadata ? previewJson(item.metadata, 200) : ""} className="text-zinc-500" />
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
        {outcome.moreErrors ? `More than ${outcome.errors.length} rows are` : outcome.errors.length === 1 ? "One row is" : `${outcome.errors.length} rows are`} invalid, so the whole file was refused and the dataset is unchanged
        {outcome.rowsRead > 0 && <> ({outcome.rowsRead.toLocaleString()} rows read)</>}. Fix the rows below — or the mapping — and import again.
      </Callout>
      <RowErrors outcome={outcome} />
    </div>
  );
}

function RowErrors({ outcome }: { outcome: Extract<UploadOutcome, { kind: "rejected" }> }) {
  return (
    <>
      <TableCard>
        <colgroup>
          <col className="w-20" />
          <col />
        </colgroup>
        <THead>
          <Th className="text-right">Where</Th>
          <Th>Problem</Th>
        </THead>
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

/** True when a message already says which line it is about (then no "Line N:" prefix is added). */
function namesLine(message: string, line: number): boolean {
  return message.toLowerCase().includes(`line ${line}`);
}

function isEmptyInput(item: MappedItem | null): boolean {
  return item !== null && (item.input === undefined || item.input === null || item.input === "");
}

/** The column's value in the first readable row: its own key only (a row without `constructor` has none). */
function firstValue(rows: ReadRow[], column: string): unknown {
  const row = rows.find((candidate) => !candidate.problem);
  return row && Object.hasOwn(row.value, column) ? row.value[column] : undefined;
}

/** A column's first value as the file has it, and how it will be read (text, JSON number, …). */
function FirstValue({ raw, csv, parseJson }: { raw: unknown; csv: boolean; parseJson: boolean }) {
  if (!csv) return <MonoCell value={previewJson(raw, 120)} className="text-zinc-500" />;
  const text = typeof raw === "string" ? raw : "";
  return (
    <div className="flex min-w-0 items-center gap-1.5">
      <MonoCell value={text === "" ? "" : text.length > 120 ? `${text.slice(0, 120)}…` : text} className="min-w-0 text-zinc-500" />
      <span className="shrink-0 rounded bg-zinc-100 px-1 text-[10px] text-zinc-500" data-testid="cell-reading">
        {cellReading(text, parseJson)}
      </span>
    </div>
  );
}

/** Encoding (and, for CSV, delimiter): what was detected, and the choice to override it. */
function ReadSettings({ format, choice, settings, onChange }: { format: ImportFormat; choice: ReadChoice; settings: PreviewSettings | undefined; onChange: (choice: ReadChoice) => void }) {
  const detectedEncoding = settings && choice.encoding === "auto" ? ENCODING_LABELS[settings.encoding.encoding] : null;
  const detectedDelimiter = settings?.delimiter && choice.delimiter === "auto" ? DELIMITER_LABELS[settings.delimiter.delimiter] : null;
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-zinc-200 px-3 py-2" data-testid="import-read-settings">
      <label className="flex items-center gap-1.5 text-xs text-zinc-600">
        Encoding
        <Select
          aria-label="Encoding"
          className="h-7 w-auto min-w-40 text-xs"
          value={choice.encoding}
          onChange={(e) => onChange({ ...choice, encoding: e.target.value as EncodingChoice })}
        >
          <option value="auto">{detectedEncoding ? `${detectedEncoding} (detected)` : "Detect"}</option>
          {TEXT_ENCODINGS.map((encoding: TextEncoding) => (
            <option key={encoding} value={encoding}>
              {ENCODING_LABELS[encoding]}
            </option>
          ))}
        </Select>
      </label>
      {format === "csv" && (
        <label className="flex items-center gap-1.5 text-xs text-zinc-600">
          Delimiter
          <Select
            aria-label="Delimiter"
            className="h-7 w-auto min-w-36 text-xs"
            value={choice.delimiter === "auto" ? "auto" : DELIMITER_NAMES[choice.delimiter]}
            onChange={(e) => onChange({ ...choice, delimiter: parseDelimiterName(e.target.value) ?? "auto" })}
          >
            <option value="auto">{detectedDelimiter ? `${detectedDelimiter} (detected)` : "Detect from header"}</option>
            {CSV_DELIMITERS.map((delimiter: CsvDelimiter) => (
              <option key={delimiter} value={DELIMITER_NAMES[delimiter]}>
                {DELIMITER_LABELS[delimiter]}
              </option>
            ))}
          </Select>
        </label>
      )}
      {settings && (
        <p className="min-w-0 text-xs text-zinc-500" data-testid="import-settings-summary">
          {settingsSummary(settings)}
        </p>
      )}
    </div>
  );
}
