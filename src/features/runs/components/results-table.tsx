"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useRef } from "react";
import { useDebounced } from "@/components/hooks";
import { useLivePolling } from "@/components/use-live-polling";
import { defineUrlState, urlField, useUrlState } from "@/components/use-url-state";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { pageCount } from "@/components/ui/pagination";
import { TableSkeleton } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { api } from "@/lib/trpc/react";
import { listResultsInput, resultFilterSchema, type ResultDto, type RunDto } from "../schemas";
import { isTerminal } from "../status";
import { ResultDrawer } from "./result-drawer";
import { PAGE_SIZES, ResultsPager } from "./results-pager";
import { DEFAULT_VIEW, hasNarrowing, parseBelow, ResultsToolbar, type ResultFilter, type ResultView } from "./results-toolbar";
import { ResultRow, ResultsHead } from "./result-row";
import { useResultNavigation } from "./use-result-navigation";

/** Td is h-11: a fixed row height lets the virtualiser place rows without measuring them. */
const ROW_HEIGHT = 44;
/** Above this many rows on a page, only the rows in view are rendered. */
const VIRTUALISE_OVER = 100;

const FILTER_NOUNS = { all: "", succeeded: "succeeded", errored: "errored", failed: "failing-score", flaky: "flaky" } as const satisfies Record<
  ResultFilter,
  string
>;

/** What the results table keeps in the URL (?filter=errored&sort=latency-desc&page=3&q=paris…). */
const resultsView = defineUrlState({
  filter: urlField.oneOf(resultFilterSchema.options, "all"),
  sort: urlField.oneOf(listResultsInput.shape.sort.unwrap().options, "ordinal"),
  page: urlField.page(),
  size: urlField.number(PAGE_SIZES, 50),
  q: urlField.text(200),
  /** "Score below": the scorer's name and the typed value (checked against the run's scorers below). */
  scorer: urlField.text(60),
  below: urlField.text(20),
});

/** Typing (a search, a threshold) writes the URL once it pauses, in place of the current entry. */
const TYPING = { history: "replace", debounceMs: 300 } as const;

export function ResultsTable({ run }: { run: RunDto }) {
  const utils = api.useUtils();
  const [url, setUrl] = useUrlState(resultsView);
  const { page, size: pageSize } = url;
  const setPage = useCallback((next: number) => setUrl({ page: next }), [setUrl]);
  // A scorer the run does not have (a hand-edited link) reads as none.
  const scorerParam = run.scorers.some((s) => s.name === url.scorer) ? url.scorer : "";
  const view: ResultView = { filter: url.filter, search: url.q, scorer: scorerParam, below: scorerParam ? url.below : "", sort: url.sort };
  const scrollRef = useRef<HTMLDivElement>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const live = !isTerminal(run.status);
  /** Nothing more will land in the run: no more polling. */
  const runSettled = isTerminal(run.status) && run.settled;

  // Typing is debounced; clearing applies at once (a page jump right after "Clear" must not race the old search).
  const debouncedSearch = useDebounced(view.search.trim(), 300);
  const search = view.search.trim() === "" ? "" : debouncedSearch;
  const debouncedBelow = useDebounced(view.below, 300);
  const below = view.scorer === "" ? "" : debouncedBelow;
  const belowValue = parseBelow(below);
  const scoreBelow = view.scorer !== "" && belowValue !== null ? { scorer: view.scorer, value: belowValue } : undefined;

  const results = api.runs.results.useQuery(
    { runId: run.id, page, pageSize, filter: view.filter, sort: view.sort, ...(search ? { search } : {}), ...(scoreBelow ? { scoreBelow } : {}) },
    // Keep showing the last page while the next one (or the next poll) loads: rows never flash to a skeleton.
    { placeholderData: keepPreviousData, refetchInterval: useLivePolling(!runSettled) },
  );

  // The last results land just before the run settles (after a cancel, even after it turns terminal): fetch once more then.
  useEffect(() => {
    if (runSettled) void utils.runs.results.invalidate({ runId: run.id });
  }, [runSettled, run.id, utils]);

  const data = results.data;
  const rows: ResultDto[] = data?.results ?? [];
  const total = data?.total ?? 0;
  const pages = pageCount(total, pageSize);
  const settled = data !== undefined && !results.isPlaceholderData;

  // A page past the end (the filter shrank the set, or a jump overshot while the run grows): go to the last one.
  useEffect(() => {
    if (settled && page > pages) setUrl({ page: pages }, { history: "replace" });
  }, [settled, page, pages, setUrl]);

  const virtual = rows.length > VIRTUALISE_OVER;
  const virtualizer = useVirtualizer({
    count: virtual ? rows.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  const { openId, setOpenId, setActiveIndex, openIndex, currentIndex, focusRow, select, step, onRowKeyDown } = useResultNavigation({
    rows,
    page,
    pages,
    setPage,
    loadedPage: settled ? data.page : null,
    virtual,
    virtualizer,
    scrollRef,
    sectionRef,
  });

  // A new page or a new filter starts at its top.
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [page, pageSize, view.filter, view.sort, search, view.scorer, below]);

  function changeView(patch: Partial<ResultView>) {
    const { search, ...rest } = patch;
    // Every change starts at page 1 at once (typing too: the page never waits for the debounced search,
    // and a search restored by Back keeps the page it was on).
    const typing = Object.keys(patch).every((key) => key === "search" || key === "below");
    setUrl({ ...rest, ...(search !== undefined ? { q: search } : {}), page: 1 }, typing ? TYPING : undefined);
    setActiveIndex(null);
  }

  // The drawer shows the row from this page; a result no longer on it (the page moved under a live run) is fetched by id.
  const openRow = openIndex >= 0 ? rows[openIndex] : undefined;
  const fetched = api.runs.result.useQuery({ id: openId ?? "" }, { enabled: openId !== null && openRow === undefined });
  const openResult = openRow ?? (fetched.data?.id === openId ? fetched.data : null);
  const position = currentIndex !== null && openId ? (page - 1) * pageSize + currentIndex + 1 : null;

  const errored = run.failedCount;
  const succeeded = run.doneCount - run.failedCount;
  // Token and cost columns only for targets that report them (model targets), not for every HTTP/demo run.
  const showTokens =
    (run.summary ? run.summary.tokens.prompt + run.summary.tokens.completion > 0 : false) ||
    rows.some((r) => r.promptTokens !== null || r.completionTokens !== null);
  const showCost = run.summary?.costUsd != null || rows.some((r) => r.costUsd !== null);
  const columns = 6 + (showTokens ? 1 : 0) + (showCost ? 1 : 0);
  const repeated = run.settings.repetitions > 1;
  const narrowed = hasNarrowing(view);
  const onlyFilter = view.filter !== "all" && !view.search.trim() && !view.scorer;

  const virtualItems = virtual ? virtualizer.getVirtualItems() : null;
  const paddingTop = virtualItems?.[0]?.start ?? 0;
  const paddingBottom = virtualItems ? virtualizer.getTotalSize() - (virtualItems[virtualItems.length - 1]?.end ?? 0) : 0;
  const visible: { row: ResultDto; index: number }[] = virtualItems
    ? virtualItems.flatMap((item) => {
        const row = rows[item.index];
        return row ? [{ row, index: item.index }] : [];
      })
    : rows.map((row, index) => ({ row, index }));
  const tabStop = currentIndex ?? 0;

  let body;
  if (results.isPending) {
    body = <TableSkeleton columns={columns} rows={8} />;
  } else if (results.isError && !data) {
    body = <ErrorState title="Could not load results" message={results.error.message} onRetry={() => void results.refetch()} />;
  } else if (total === 0 && settled) {
    body = narrowed ? (
      <EmptyState
        title={onlyFilter ? `No ${FILTER_NOUNS[view.filter]} results` : "No results match"}
        actions={
          <Button size="sm" onClick={() => changeView({ ...DEFAULT_VIEW, sort: view.sort })}>
            Clear filters
          </Button>
        }
      >
        {live ? "The run is still going: matching results appear here as they finish." : "Try another filter or search."}
      </EmptyState>
    ) : (
      <EmptyState title={live ? "Waiting for the first results" : "No results"}>
        {live ? "Results appear here as each item finishes." : "The run ended before any item finished."}
      </EmptyState>
    );
  } else {
    body = (
      <div className="overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-xs">
        <div
          ref={scrollRef}
          className={cn("relative overflow-x-auto", virtual && "max-h-[min(70vh,880px)] overflow-y-auto overscroll-contain")}
          data-testid="results-scroll"
          data-virtual={virtual ? "true" : "false"}
        >
          <table
            // A floor on the width: narrower (a phone), the table scrolls in its box instead of squeezing the previews to nothing.
            className={cn("w-full min-w-[860px] table-fixed border-collapse text-[13px] transition-opacity", results.isPlaceholderData && "opacity-60")}
            aria-rowcount={total}
            aria-busy={results.isPlaceholderData || undefined}
            data-testid="results-table"
            data-page={data?.page}
            data-settled={settled ? "true" : "false"}
          >
            <ResultsHead showTokens={showTokens} showCost={showCost} />
            <tbody>
              {paddingTop > 0 && (
                <tr aria-hidden="true">
                  <td colSpan={columns} style={{ height: paddingTop, padding: 0 }} />
                </tr>
              )}
              {visible.map(({ row, index }) => (
                <ResultRow
                  key={row.id}
                  result={row}
                  index={index}
                  active={index === currentIndex}
                  tabStop={index === tabStop}
                  repeated={repeated}
                  showTokens={showTokens}
                  showCost={showCost}
                  onSelect={() => select(index, true)}
                  onFocus={() => setActiveIndex(index)}
                  onKeyDown={(e) => onRowKeyDown(e, index)}
                />
              ))}
              {paddingBottom > 0 && (
                <tr aria-hidden="true">
                  <td colSpan={columns} style={{ height: paddingBottom, padding: 0 }} />
                </tr>
              )}
            </tbody>
          </table>
        </div>
        <ResultsPager
          page={page}
          pageSize={pageSize}
          total={total}
          onPageChange={(next) => {
            setPage(next);
            setActiveIndex(null);
          }}
          onPageSizeChange={(size) => {
            // Keep the first visible result on screen: land on the page that holds it.
            const first = (page - 1) * pageSize;
            setUrl({ size, page: Math.floor(first / size) + 1 });
            setActiveIndex(null);
          }}
        />
      </div>
    );
  }

  return (
    <section ref={sectionRef} className="flex flex-col gap-3" aria-label="Results" data-testid="results">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-sm font-semibold text-zinc-900">
          Results
          {narrowed && settled && (
            <span className="ml-2 text-xs font-normal text-zinc-500 tabular-nums" data-testid="results-match-count">
              {total.toLocaleString()} matching
            </span>
          )}
        </h2>
        <span className="hidden text-[11px] text-zinc-500 md:inline">
          <kbd className="rounded border border-zinc-200 bg-zinc-50 px-1">j</kbd> <kbd className="rounded border border-zinc-200 bg-zinc-50 px-1">k</kbd> move ·{" "}
          <kbd className="rounded border border-zinc-200 bg-zinc-50 px-1">Enter</kbd> open
        </span>
      </div>
      <ResultsToolbar
        view={view}
        onChange={changeView}
        counts={{
          all: run.doneCount,
          succeeded,
          errored,
          failed: view.filter === "failed" && settled && !search && !scoreBelow ? total : null,
          flaky: view.filter === "flaky" && settled && !search && !scoreBelow ? total : null,
        }}
        repeated={run.settings.repetitions > 1}
        scorers={run.scorers.map((s) => ({ name: s.name, threshold: s.threshold }))}
        fetching={results.isFetching && (results.isPlaceholderData || !live)}
      />

      {body}

      <ResultDrawer
        open={openId !== null}
        result={openResult}
        onClose={() => {
          setOpenId(null);
          // Radix gives focus back to the row that opened the drawer; move it to the row the user ended on.
          const index = currentIndex;
          if (index !== null) setTimeout(() => focusRow(index), 0);
        }}
        nav={{
          onPrevious: () => step(-1, true),
          onNext: () => step(1, true),
          hasPrevious: page > 1 || (currentIndex ?? 0) > 0,
          hasNext: page < pages || (currentIndex ?? rows.length) < rows.length - 1,
          position: position !== null ? `${position.toLocaleString()} of ${total.toLocaleString()}` : null,
        }}
      />
    </section>
  );
}
