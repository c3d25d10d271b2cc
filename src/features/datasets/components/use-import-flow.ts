import { useEffect, useMemo, useRef, useState } from "react";
import type { EncodingChoice } from "@/lib/csv/decode";
import { DELIMITER_NAMES, type DelimiterChoice } from "@/lib/csv/tokenizer";
import { api } from "@/lib/trpc/react";
import { applyMapping, defaultMapping, type ImportFormat, type ImportMapping, type MappedItem } from "../import/mapping";
import type { ReadRow } from "../import/read-file";
import { mappingErrors, mapsInput, withColumn } from "./import-mapping-state";
import { delimiterOfFile, formatOfFile, previewFile, uploadImport, type FilePreview, type UploadOutcome } from "./import-preview";

export interface ReadChoice {
  encoding: EncodingChoice;
  delimiter: DelimiterChoice;
}

/** Where the dialog is: editing (file, read settings, mapping), uploading, or showing what the server said. */
export type ImportStage = { kind: "edit" } | { kind: "uploading"; sent: number; total: number } | { kind: "done"; outcome: UploadOutcome };

export type ColumnMapping = ImportMapping["columns"][string];

export interface PreviewItem {
  row: ReadRow;
  /** The row as it will be saved; null when the row itself cannot be read. */
  item: MappedItem | null;
}

/**
 * The import dialog's state and what moves it: choosing a file (or another
 * format, encoding or delimiter) reads its head again for the preview and
 * the default mapping; importing uploads the whole file with progress, and
 * on success refreshes what shows the dataset's items and versions. Closing
 * the dialog aborts an upload and starts the next import clean.
 */
export function useImportFlow(datasetId: string, open: boolean) {
  const utils = api.useUtils();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<ImportFormat>("csv");
  const [readChoice, setReadChoice] = useState<ReadChoice>({ encoding: "auto", delimiter: "auto" });
  const [preview, setPreview] = useState<FilePreview | null>(null);
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [note, setNote] = useState("");
  const [stage, setStage] = useState<ImportStage>({ kind: "edit" });
  const abortRef = useRef<(() => void) | null>(null);

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
  const items: PreviewItem[] = useMemo(
    () => (preview?.ok && mapping ? preview.rows.slice(0, 5).map((row) => ({ row, item: row.problem ? null : applyMapping(row.value, mapping, format) })) : []),
    [preview, mapping, format],
  );

  // A JSON file too big to preview can still be imported with the server's default mapping; one that does not parse cannot.
  const canImportDefault = preview !== null && !preview.ok && preview.kind === "too-large" && file !== null;
  const canImport = file !== null && stage.kind === "edit" && ((preview?.ok === true && hasInput && pathErrors.size === 0) || canImportDefault);

  function setColumn(column: string, patch: Partial<ColumnMapping>) {
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
    const upload = uploadImport(`/api/datasets/${encodeURIComponent(datasetId)}/import?${params.toString()}`, file, (sent, total) =>
      setStage({ kind: "uploading", sent, total }),
    );
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

  return {
    file,
    format,
    readChoice,
    preview,
    mapping,
    setMapping,
    setColumn,
    note,
    setNote,
    stage,
    pathErrors,
    hasInput,
    items,
    canImport,
    canImportDefault,
    choose,
    startImport,
    /** Stops an upload in flight (closing the dialog does). */
    abortUpload: () => abortRef.current?.(),
    /** From what the server said back to the mapping, to fix it and import again. */
    backToMapping: () => setStage({ kind: "edit" }),
  };
}

export type ImportFlow = ReturnType<typeof useImportFlow>;
