"use client";

import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { SearchIcon, XIcon } from "@/components/ui/icons";
import { Segmented } from "@/components/ui/tabs";
import type { ListResultsInput } from "../schemas";

export type ResultFilter = ListResultsInput["filter"];
export type ResultSort = ListResultsInput["sort"];

/** What the user typed; the table debounces `search` and `below` before they reach the server. */
export interface ResultView {
  filter: ResultFilter;
  search: string;
  /** Scorer name for "score below", "" for none. */
  scorer: string;
  below: string;
  sort: ResultSort;
}

export const DEFAULT_VIEW: ResultView = { filter: "all", search: "", scorer: "", below: "", sort: "ordinal" };

export const SORT_LABELS: Record<ResultSort, string> = {
  ordinal: "Item order",
  "latency-desc": "Slowest first",
  "latency-asc": "Fastest first",
};

/** A score threshold typed in the box, when it is one the API takes. */
export function parseBelow(text: string): number | null {
  if (text.trim() === "") return null;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 && value <= 1 ? value : null;
}

export function hasNarrowing(view: ResultView): boolean {
  return view.filter !== "all" || view.search.trim() !== "" || view.scorer !== "";
}

export function ResultsToolbar({
  view,
  onChange,
  counts,
  scorers,
  fetching,
  repeated,
}: {
  view: ResultView;
  onChange: (patch: Partial<ResultView>) => void;
  counts: { all: number; succeeded: number; errored: number; failed: number | null; flaky: number | null };
  /** Offer the flaky filter (the run has repetitions). */
  repeated: boolean;
  /** The run's scorers with their pass thresholds (the default "below" value). */
  scorers: { name: string; threshold: number }[];
  fetching: boolean;
}) {
  const belowInvalid = view.scorer !== "" && parseBelow(view.below) === null;
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="results-toolbar">
      <Segmented
        label="Filter results"
        value={view.filter}
        onChange={(filter) => onChange({ filter })}
        items={[
          { value: "all", label: "All", count: counts.all },
          { value: "succeeded", label: "Succeeded", count: counts.succeeded },
          { value: "errored", label: "Errored", count: counts.errored },
          { value: "failed", label: "Failed scores", ...(counts.failed !== null ? { count: counts.failed } : {}) },
          ...(repeated || view.filter === "flaky"
            ? [{ value: "flaky" as const, label: "Flaky", ...(counts.flaky !== null ? { count: counts.flaky } : {}) }]
            : []),
        ]}
      />

      <div className="relative w-60">
        <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-zinc-500" width={14} height={14} />
        <Input
          type="search"
          aria-label="Search results"
          placeholder="Search input, expected, output, error"
          maxLength={200}
          className="pl-8 text-xs"
          value={view.search}
          onChange={(e) => onChange({ search: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === "Escape" && view.search) {
              e.stopPropagation();
              onChange({ search: "" });
            }
          }}
          data-testid="results-search"
        />
      </div>

      {scorers.length > 0 && (
        <div className="flex items-center gap-1.5 text-xs text-zinc-500" data-testid="score-below">
          <span className="w-36">
            <Select
              aria-label="Score below: scorer"
              className="h-8 text-xs"
              value={view.scorer}
              onChange={(e) => {
                const scorer = e.target.value;
                const threshold = scorers.find((s) => s.name === scorer)?.threshold;
                onChange({ scorer, below: scorer && view.below === "" ? String(threshold ?? 0.5) : view.below });
              }}
              data-testid="score-below-scorer"
            >
              <option value="">Any score</option>
              {scorers.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name}
                </option>
              ))}
            </Select>
          </span>
          {/* Dimmer while the scorer is unset, but still readable (WCAG contrast). */}
          <span className={view.scorer ? "text-zinc-800" : "text-zinc-500"}>below</span>
          <span className="w-20">
            <Input
              type="number"
              aria-label="Score below: value"
              min={0}
              max={1}
              step={0.05}
              className="h-8 text-xs tabular-nums"
              disabled={view.scorer === ""}
              value={view.scorer === "" ? "" : view.below}
              placeholder="0–1"
              aria-invalid={belowInvalid || undefined}
              title={belowInvalid ? "A score between 0 and 1" : undefined}
              onChange={(e) => onChange({ below: e.target.value })}
              data-testid="score-below-value"
            />
          </span>
        </div>
      )}

      <label className="flex items-center gap-1.5 text-xs text-zinc-500">
        Sort
        <span className="w-36">
          <Select
            aria-label="Sort results"
            className="h-8 text-xs"
            value={view.sort}
            onChange={(e) => onChange({ sort: e.target.value as ResultSort })}
            data-testid="results-sort"
          >
            {(Object.keys(SORT_LABELS) as ResultSort[]).map((sort) => (
              <option key={sort} value={sort}>
                {SORT_LABELS[sort]}
              </option>
            ))}
          </Select>
        </span>
      </label>

      {hasNarrowing(view) && (
        <Button size="sm" variant="ghost" onClick={() => onChange({ ...DEFAULT_VIEW, sort: view.sort })} data-testid="clear-filters">
          <XIcon width={12} height={12} /> Clear
        </Button>
      )}

      {fetching && (
        <span
          className="ml-auto size-3 animate-spin rounded-full border-[1.5px] border-zinc-300 border-t-zinc-600"
          role="status"
          aria-label="Updating results"
          data-testid="results-fetching"
        />
      )}
    </div>
  );
}
