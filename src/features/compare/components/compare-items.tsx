"use client";

import { useState } from "react";
import { LabelledJson } from "@/components/json-view";
import { Select } from "@/components/ui/field";
import { Pagination } from "@/components/ui/pagination";
import { TableSkeleton } from "@/components/ui/skeleton";
import { EmptyState, QueryView } from "@/components/ui/states";
import { MonoCell, TableCard, TableColumns, Td, Tr } from "@/components/ui/table";
import { Segmented } from "@/components/ui/tabs";
import { previewJson } from "@/lib/json";
import { api } from "@/lib/trpc/react";
import { Delta } from "./delta";
import { RowDrawer, scoreOf, SideCell, type Row } from "./compare-item-sides";
import { OutputDiff } from "./output-diff";

export type ItemFilter = "all" | "regressed" | "improved" | "unchanged" | "flaky" | "only-baseline" | "only-candidate";
export type ItemSort = "ordinal" | "delta-asc" | "delta-desc";
export type ViewMode = "table" | "diff";

const PAGE_SIZE = 25;

export interface ItemsState {
  scorer: string | null;
  filter: ItemFilter;
  sort: ItemSort;
  view: ViewMode;
  page: number;
}

export interface FilterCounts {
  matched: number;
  regressed: number | null;
  improved: number | null;
  unchanged: number | null;
  /** Matched items flaky in either run (any shared scorer). */
  flaky: number;
  onlyBaseline: number;
  onlyCandidate: number;
}

/** The per-item comparison, paged on the server: a table, or one output diff per item. */
export function CompareItems({
  baselineRunId,
  candidateRunId,
  state,
  onChange,
  counts,
}: {
  baselineRunId: string;
  candidateRunId: string;
  state: ItemsState;
  onChange: (patch: Partial<ItemsState>) => void;
  counts: FilterCounts;
}) {
  const [open, setOpen] = useState<Row | null>(null);
  const items = api.compare.items.useQuery(
    { baselineRunId, candidateRunId, scorer: state.scorer ?? undefined, filter: state.filter, sort: state.sort, page: state.page, pageSize: PAGE_SIZE },
    { placeholderData: (previous) => previous },
  );
  const scorer = items.data?.scorer ?? state.scorer;
  const exportHref = (format: "csv" | "jsonl") =>
    // `scorer` is sent for when the export route honours it (today it filters by the first shared scorer).
    `/api/compare/export?${new URLSearchParams({ baselineRunId, candidateRunId, format, ...(state.filter !== "all" ? { filter: state.filter } : {}), ...(scorer ? { scorer } : {}) }).toString()}`;

  const filterItems: { value: ItemFilter; label: string; count?: number }[] = [
    // The server's "all" is every baseline result (matched or not); candidate-only items have their own filter.
    { value: "all", label: "All", count: counts.matched + counts.onlyBaseline },
    { value: "regressed", label: "Regressed", count: counts.regressed ?? undefined },
    { value: "improved", label: "Improved", count: counts.improved ?? undefined },
    { value: "unchanged", label: "Unchanged", count: counts.unchanged ?? undefined },
  ];
  if (counts.flaky > 0 || state.filter === "flaky") filterItems.push({ value: "flaky", label: "Flaky" });
  if (counts.onlyBaseline > 0 || state.filter === "only-baseline")
    filterItems.push({ value: "only-baseline", label: "Only baseline", count: counts.onlyBaseline });
  if (counts.onlyCandidate > 0 || state.filter === "only-candidate")
    filterItems.push({ value: "only-candidate", label: "Only candidate", count: counts.onlyCandidate });

  return (
    <section className="flex flex-col gap-3" aria-label="Per-item comparison" id="compare-items">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-3">
          <Segmented label="Filter items" value={state.filter} onChange={(filter) => onChange({ filter, page: 1 })} items={filterItems} />
          <label className="flex items-center gap-1.5 text-xs text-zinc-500">
            Scorer
            <Select
              aria-label="Scorer"
              className="h-7 w-44 text-xs"
              value={scorer ?? ""}
              onChange={(e) => onChange({ scorer: e.target.value, page: 1 })}
              disabled={(items.data?.scorers.length ?? 0) === 0}
            >
              {(items.data?.scorers ?? (scorer ? [scorer] : [])).map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </Select>
          </label>
          <label className="flex items-center gap-1.5 text-xs text-zinc-500">
            Sort
            <Select aria-label="Sort" className="h-7 w-48 text-xs" value={state.sort} onChange={(e) => onChange({ sort: e.target.value as ItemSort, page: 1 })}>
              <option value="ordinal">Item order</option>
              <option value="delta-asc">Largest regression first</option>
              <option value="delta-desc">Largest improvement first</option>
            </Select>
          </label>
        </div>
        <div className="flex items-center gap-3">
          {items.isFetching && !items.isPending && <span className="text-xs text-zinc-500">Updating…</span>}
          <Segmented
            label="View"
            value={state.view}
            onChange={(view) => onChange({ view })}
            items={[
              { value: "table", label: "Table" },
              { value: "diff", label: "Output diff" },
            ]}
          />
          <span className="flex items-center gap-2 text-xs text-zinc-500">
            Export{state.filter !== "all" ? " these" : ""}:
            <a href={exportHref("csv")} download className="font-medium text-blue-600 hover:underline" data-testid="compare-export-csv">
              CSV
            </a>
            <a href={exportHref("jsonl")} download className="font-medium text-blue-600 hover:underline" data-testid="compare-export-jsonl">
              JSONL
            </a>
          </span>
        </div>
      </div>

      <QueryView query={items} loading={<TableSkeleton columns={6} />} errorTitle="Could not load the items">
        {(list) => {
          if (list.total === 0) {
            return (
              <EmptyState title={state.filter === "all" ? "No results to compare" : `No ${state.filter.replace("-", " ")} items`}>
                {state.filter === "all"
                  ? "Neither run has results yet."
                  : scorer
                    ? `Nothing matches this filter on ${scorer}. Try another scorer or filter.`
                    : "Nothing matches this filter."}
              </EmptyState>
            );
          }
          const pager = <Pagination page={list.page} pageSize={list.pageSize} total={list.total} onPageChange={(page) => onChange({ page })} noun="items" />;
          return state.view === "table" ? (
            <TableCard minWidth={860} footer={pager} stickyLast label="Items compared, scrolls sideways">
              <TableColumns
                columns={[
                  { width: "w-14", header: "#", className: "text-right" },
                  { width: "w-[20%]", header: "Input" },
                  { width: "w-[15%]", header: "Expected" },
                  { header: "Baseline output" },
                  { header: "Candidate output" },
                  { width: "w-20", header: `Δ ${scorer ?? ""}`, className: "text-right" },
                ]}
              />
              <tbody>
                {list.rows.map((row) => (
                  <Tr
                    key={row.itemId}
                    interactive
                    tabIndex={0}
                    data-testid="compare-row"
                    onClick={() => setOpen(row)}
                    onKeyDown={(e) => e.key === "Enter" && setOpen(row)}
                  >
                    <Td className="text-right text-xs text-zinc-500 tabular-nums">{row.ordinal}</Td>
                    <Td>
                      <MonoCell value={previewJson(row.input, 200)} />
                    </Td>
                    <Td>
                      <MonoCell value={previewJson(row.expectedOutput ?? undefined, 120)} />
                    </Td>
                    <Td className="h-auto">
                      <SideCell side={row.baseline} scorer={scorer} missing="not in the baseline run" />
                    </Td>
                    <Td className="h-auto">
                      <SideCell side={row.candidate} scorer={scorer} missing="not in the candidate run" />
                    </Td>
                    <Td className="text-right">
                      <Delta value={row.delta} data-testid="row-delta" />
                    </Td>
                  </Tr>
                ))}
              </tbody>
            </TableCard>
          ) : (
            <div className="flex flex-col gap-3" data-testid="diff-list">
              {list.rows.map((row) => (
                <article key={row.itemId} className="rounded-lg border border-zinc-200 bg-white shadow-xs" data-testid="diff-row">
                  <header className="flex flex-wrap items-center gap-x-4 gap-y-1 border-b border-zinc-100 px-4 py-2 text-xs">
                    <button type="button" className="font-mono font-semibold text-zinc-900 hover:underline" onClick={() => setOpen(row)}>
                      #{row.ordinal}
                    </button>
                    <span className="min-w-0 flex-1 truncate font-mono text-zinc-500" title={previewJson(row.input, 1000)}>
                      {previewJson(row.input, 160)}
                    </span>
                    {scorer && (
                      <span className="text-zinc-500 tabular-nums">
                        {scorer}: {scoreOf(row.baseline)} → {scoreOf(row.candidate)}
                      </span>
                    )}
                    <Delta value={row.delta} />
                  </header>
                  <div className="grid gap-3 p-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
                    <LabelledJson label="Expected" value={row.expectedOutput} empty="No expected output" maxHeight="max-h-80" />
                    <OutputDiff baseline={row.baseline} candidate={row.candidate} />
                  </div>
                </article>
              ))}
              <div className="overflow-hidden rounded-lg border border-zinc-200">{pager}</div>
            </div>
          );
        }}
      </QueryView>

      <RowDrawer row={open} scorer={scorer} onClose={() => setOpen(null)} />
    </section>
  );
}
