"use client";

import { useEffect, useState } from "react";
import { formatDuration } from "@/components/format";
import { Pagination } from "@/components/ui/pagination";
import { TableSkeleton } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { MonoCell, TableCard, Td, Th, THead, Tr } from "@/components/ui/table";
import { Segmented } from "@/components/ui/tabs";
import { previewJson } from "@/lib/json";
import { api } from "@/lib/trpc/react";
import type { RunDto } from "../schemas";
import { isTerminal } from "../status";
import { ResultDrawer } from "./result-drawer";
import { formatCost, formatCount } from "./run-summary";
import { ScoreChip } from "./score-chip";

const PAGE_SIZE = 50;
type Filter = "all" | "succeeded" | "errored";

export function ResultsTable({ run }: { run: RunDto }) {
  const utils = api.useUtils();
  const [filter, setFilter] = useState<Filter>("all");
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const live = !isTerminal(run.status);

  const results = api.runs.results.useQuery(
    { runId: run.id, page, pageSize: PAGE_SIZE, filter },
    { placeholderData: (previous) => previous, refetchInterval: live ? 2000 : false },
  );

  // The last results land just before the run turns terminal: fetch once more then.
  useEffect(() => {
    if (!live) void utils.runs.results.invalidate({ runId: run.id });
  }, [live, run.id, utils]);

  const errored = run.failedCount;
  const succeeded = run.doneCount - run.failedCount;
  const rows = results.data?.results ?? [];
  const open = rows.find((r) => r.id === openId) ?? null;
  const firstIndex = ((results.data?.page ?? 1) - 1) * PAGE_SIZE;
  // Token and cost columns only for targets that report them (model targets), not for every HTTP/demo run.
  const showTokens = (run.summary ? run.summary.tokens.prompt + run.summary.tokens.completion > 0 : false) || rows.some((r) => r.promptTokens !== null || r.completionTokens !== null);
  const showCost = run.summary?.costUsd != null || rows.some((r) => r.costUsd !== null);
  const columns = 6 + (showTokens ? 1 : 0) + (showCost ? 1 : 0);

  return (
    <section className="flex flex-col gap-3" aria-label="Results">
      <div className="flex items-center justify-between gap-3">
        <h2 className="text-sm font-semibold text-zinc-900">Results</h2>
        <Segmented
          label="Filter results"
          value={filter}
          onChange={(value) => {
            setFilter(value);
            setPage(1);
          }}
          items={[
            { value: "all", label: "All", count: run.doneCount },
            { value: "succeeded", label: "Succeeded", count: succeeded },
            { value: "errored", label: "Errored", count: errored },
          ]}
        />
      </div>

      {results.isPending ? (
        <TableSkeleton columns={columns} rows={8} />
      ) : results.isError ? (
        <ErrorState title="Could not load results" message={results.error.message} onRetry={() => void results.refetch()} />
      ) : results.data.total === 0 ? (
        <EmptyState title={live ? "Waiting for the first results" : filter === "all" ? "No results" : `No ${filter} results`}>
          {live ? "Results appear here as each item finishes." : filter === "all" ? "The run ended before any item finished." : "Try another filter."}
        </EmptyState>
      ) : (
        <TableCard footer={<Pagination page={results.data.page} pageSize={results.data.pageSize} total={results.data.total} onPageChange={setPage} noun="results" />}>
          <colgroup>
            <col className="w-16" />
            {/* Narrower previews when token and cost columns take room, so the score chips still fit. */}
            <col className={showTokens || showCost ? "w-[20%]" : "w-[26%]"} />
            <col className={showTokens || showCost ? "w-[22%]" : "w-[30%]"} />
            <col />
            <col className="w-24" />
            {showTokens && <col className="w-24" />}
            {showCost && <col className="w-24" />}
            <col className="w-20" />
          </colgroup>
          <THead>
            <Th className="text-right">#</Th>
            <Th>Input</Th>
            <Th>Output</Th>
            <Th>Scores</Th>
            <Th className="text-right">Latency</Th>
            {showTokens && <Th className="text-right">Tokens</Th>}
            {showCost && <Th className="text-right">Cost</Th>}
            <Th className="text-right">Attempts</Th>
          </THead>
          <tbody>
            {rows.map((result, index) => (
              <Tr
                key={result.id}
                interactive
                tabIndex={0}
                aria-label={`Open result ${firstIndex + index + 1}`}
                data-testid="result-row"
                data-errored={result.error ? "true" : "false"}
                onClick={() => setOpenId(result.id)}
                onKeyDown={(e) => {
                  if (e.key === "Enter" || e.key === " ") {
                    e.preventDefault();
                    setOpenId(result.id);
                  }
                }}
              >
                <Td className="text-right text-xs text-zinc-400 tabular-nums">
                  {result.round > 1 && (
                    <span className="mr-1 rounded bg-violet-50 px-1 text-[10px] font-medium text-violet-700" title={`Produced by retry round ${result.round}`}>
                      r{result.round}
                    </span>
                  )}
                  {firstIndex + index + 1}
                </Td>
                <Td>
                  <MonoCell value={previewJson(result.input, 300)} />
                </Td>
                <Td>
                  {result.error ? (
                    <span className="block truncate text-xs text-red-600" title={result.error} data-testid="result-error">
                      {result.error}
                    </span>
                  ) : (
                    <MonoCell value={previewJson(result.output ?? undefined, 300)} />
                  )}
                </Td>
                <Td>
                  <div className="flex gap-1 overflow-hidden">
                    {result.scores.length === 0 ? <span className="text-xs text-zinc-300">—</span> : result.scores.map((score) => <ScoreChip key={score.name} score={score} />)}
                  </div>
                </Td>
                <Td className="text-right text-xs text-zinc-600 tabular-nums">{formatDuration(result.latencyMs)}</Td>
                {showTokens && (
                  <Td
                    className="text-right text-xs text-zinc-600 tabular-nums"
                    title={result.promptTokens !== null || result.completionTokens !== null ? `${result.promptTokens ?? 0} prompt + ${result.completionTokens ?? 0} completion` : undefined}
                  >
                    {result.promptTokens === null && result.completionTokens === null ? <span className="text-zinc-300">—</span> : formatCount((result.promptTokens ?? 0) + (result.completionTokens ?? 0))}
                  </Td>
                )}
                {showCost && <Td className="text-right text-xs text-zinc-600 tabular-nums">{result.costUsd === null ? <span className="text-zinc-300">—</span> : formatCost(result.costUsd)}</Td>}
                <Td className={result.attempts > 1 ? "text-right text-xs font-medium text-amber-700 tabular-nums" : "text-right text-xs text-zinc-500 tabular-nums"}>{result.attempts}</Td>
              </Tr>
            ))}
          </tbody>
        </TableCard>
      )}

      <ResultDrawer result={open} onClose={() => setOpenId(null)} />
    </section>
  );
}
