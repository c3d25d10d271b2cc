import { useRef, useState, type DragEvent } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input, Select } from "@/components/ui/field";
import { Callout } from "@/components/ui/states";
import { ENCODING_LABELS, TEXT_ENCODINGS, type EncodingChoice, type TextEncoding } from "@/lib/csv/decode";
import { CSV_DELIMITERS, DELIMITER_LABELS, DELIMITER_NAMES, parseDelimiterName, type CsvDelimiter } from "@/lib/csv/tokenizer";
import type { ImportFormat } from "../import/mapping";
import { ImportItemsPreview, MappingTable } from "./import-mapping";
import { formatBytes, namesLine } from "./import-outcome";
import type { PreviewSettings } from "./import-preview";
import type { ImportFlow, ReadChoice } from "./use-import-flow";

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

/** The editing stage: 1. the file and how it is read, 2. where its columns go, 3. the first items as they will be saved. */
export function ImportEditStage({ flow }: { flow: ImportFlow }) {
  const { file, format, readChoice, preview, mapping, choose, canImportDefault } = flow;
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) void choose(dropped);
  }

  return (
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
        <Callout
          tone={canImportDefault ? "amber" : "red"}
          title={canImportDefault ? "No preview for this file" : "This file cannot be read"}
          data-testid="import-preview-error"
        >
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
          <MappingTable flow={flow} preview={preview} mapping={mapping} />

          {/* 3. What the first items will look like */}
          <ImportItemsPreview format={format} items={flow.items} partial={preview.partial} />

          <label className="flex flex-col gap-1.5">
            <span className="text-xs font-medium text-zinc-700">Version note (optional)</span>
            <Input value={flow.note} maxLength={200} placeholder={`e.g. imported ${file?.name ?? "file"}`} onChange={(e) => flow.setNote(e.target.value)} />
          </label>
        </>
      )}
    </div>
  );
}

/** Encoding (and, for CSV, delimiter): what was detected, and the choice to override it. */
function ReadSettings({
  format,
  choice,
  settings,
  onChange,
}: {
  format: ImportFormat;
  choice: ReadChoice;
  settings: PreviewSettings | undefined;
  onChange: (choice: ReadChoice) => void;
}) {
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
