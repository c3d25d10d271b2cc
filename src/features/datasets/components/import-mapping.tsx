import { Checkbox, Input, Select } from "@/components/ui/field";
import { MonoCell, TableCard, TableColumns, Td, Tr } from "@/components/ui/table";
import { previewJson } from "@/lib/json";
import { cellReading } from "../import/csv-cells";
import type { ImportFormat, ImportMapping, MappedItem } from "../import/mapping";
import { rowLabel, type ReadRow } from "../import/read-file";
import { columnTarget } from "./import-mapping-state";
import type { FilePreview } from "./import-preview";
import type { ColumnMapping, ImportFlow, PreviewItem } from "./use-import-flow";

type Target = ColumnMapping["to"];

const TARGET_LABELS: Record<Target, string> = {
  input: "Input",
  expectedOutput: "Expected output",
  metadata: "Metadata",
  ignore: "Ignore",
};

/** Where each column (or top-level key) goes: a field of the item, at an optional path, or nowhere. */
export function MappingTable({ flow, preview, mapping }: { flow: ImportFlow; preview: Extract<FilePreview, { ok: true }>; mapping: ImportMapping }) {
  const { format, pathErrors, hasInput, setColumn, setMapping } = flow;
  return (
    <section>
      <div className="mb-2 flex items-end justify-between gap-3">
        <div>
          <h3 className="text-[13px] font-semibold text-zinc-900">Columns</h3>
          <p className="text-xs text-zinc-500">
            Where each {format === "csv" ? "column" : "key"} goes. A path puts it inside the field, e.g. input at path “question” → input.question.
          </p>
        </div>
        {format === "csv" && (
          <Checkbox
            label="Cells holding JSON are parsed as JSON"
            checked={mapping.parseJsonCells}
            onChange={(checked) => setMapping({ ...mapping, parseJsonCells: checked })}
          />
        )}
      </div>
      {format === "csv" && (
        <p className="mb-2 text-xs leading-relaxed text-zinc-500" data-testid="value-rule">
          {mapping.parseJsonCells ? (
            <>
              A cell becomes JSON only when writing that JSON back gives the same text: <code className="font-mono">42</code>,{" "}
              <code className="font-mono">true</code>, <code className="font-mono">{'{"a":1}'}</code> do; <code className="font-mono">1.50</code>,{" "}
              <code className="font-mono">1e5</code>, <code className="font-mono">-0</code> and <code className="font-mono">12345678901234567890</code> stay
              text.{" "}
            </>
          ) : (
            <>Every cell is kept as text. </>
          )}
          An empty cell is the empty text “” wherever you map it (an empty metadata cell: no metadata).
        </p>
      )}
      <TableCard>
        <TableColumns
          columns={[
            { width: "w-[22%]", header: format === "csv" ? "Column" : "Key" },
            { width: "w-[22%]", header: "First value" },
            { width: "w-44", header: "Goes to" },
            { header: "Path (optional)" },
          ]}
        />
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
                  <Select
                    aria-label={`${column} goes to`}
                    className="h-7 text-xs"
                    value={target.to}
                    onChange={(e) => setColumn(column, { to: e.target.value as Target })}
                  >
                    {(Object.keys(TARGET_LABELS) as Target[]).map((to) => (
                      <option key={to} value={to}>
                        {TARGET_LABELS[to]}
                      </option>
                    ))}
                  </Select>
                </Td>
                <Td>
                  <div className="flex items-center gap-1.5">
                    <span className="shrink-0 font-mono text-[11px] text-zinc-500">
                      {target.to === "ignore" ? "" : target.to === "expectedOutput" ? "expected." : `${target.to}.`}
                    </span>
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
  );
}

/** The first items as they will be saved, or why a row cannot be. */
export function ImportItemsPreview({ format, items, partial }: { format: ImportFormat; items: PreviewItem[]; partial: boolean }) {
  return (
    <section>
      <h3 className="text-[13px] font-semibold text-zinc-900">Preview</h3>
      <p className="mb-2 text-xs text-zinc-500">
        {items.length === 0
          ? `No item to preview yet${partial ? ": the first rows read hold none" : ""}.`
          : `The first ${items.length} ${items.length === 1 ? "item" : "items"} as they will be saved${partial ? " (more rows follow in the file)" : ""}.`}
      </p>
      <TableCard>
        <TableColumns
          columns={[
            { width: "w-10", header: format === "json" ? "Item" : "Line", className: "text-right" },
            { width: "w-[40%]", header: "Input" },
            { width: "w-[28%]", header: "Expected output" },
            { header: "Metadata" },
          ]}
        />
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
  );
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
