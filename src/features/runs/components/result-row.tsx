import type { KeyboardEvent as ReactKeyboardEvent } from "react";
import { formatDuration } from "@/components/format";
import { cn } from "@/components/ui/cn";
import { MonoCell, Td, Th } from "@/components/ui/table";
import { previewJson } from "@/lib/json";
import type { ResultDto } from "../schemas";
import { formatCost, formatCount } from "./run-summary";
import { ScoreChip } from "./score-chip";

/** Which optional columns the results table shows: tokens and cost only for targets that report them. */
export interface ResultColumns {
  showTokens: boolean;
  showCost: boolean;
}

/** The results table's column widths and headings. */
export function ResultsHead({ showTokens, showCost }: ResultColumns) {
  return (
    <>
      <colgroup>
        <col className="w-20" />
        {/* Narrower previews when token and cost columns take room, so the score chips still fit. */}
        <col className={showTokens || showCost ? "w-[20%]" : "w-[26%]"} />
        <col className={showTokens || showCost ? "w-[22%]" : "w-[30%]"} />
        <col />
        <col className="w-24" />
        {showTokens && <col className="w-24" />}
        {showCost && <col className="w-24" />}
        <col className="w-20" />
      </colgroup>
      <thead className="sticky top-0 z-10 bg-zinc-50 shadow-[inset_0_-1px_0_var(--color-zinc-200)]">
        <tr>
          <Th className="text-right">#</Th>
          <Th>Input</Th>
          <Th>Output</Th>
          <Th>Scores</Th>
          <Th className="text-right">Latency</Th>
          {showTokens && <Th className="text-right">Tokens</Th>}
          {showCost && <Th className="text-right">Cost</Th>}
          <Th className="text-right">Attempts</Th>
        </tr>
      </thead>
    </>
  );
}

/** One result: a focusable row that opens the result's drawer. */
export function ResultRow({
  result,
  index,
  active,
  tabStop,
  repeated,
  showTokens,
  showCost,
  onSelect,
  onFocus,
  onKeyDown,
}: ResultColumns & {
  result: ResultDto;
  index: number;
  active: boolean;
  tabStop: boolean;
  /** The run has repetitions: the ordinal shows which one. */
  repeated: boolean;
  onSelect: () => void;
  onFocus: () => void;
  onKeyDown: (event: ReactKeyboardEvent<HTMLTableRowElement>) => void;
}) {
  return (
    <tr
      tabIndex={tabStop ? 0 : -1}
      aria-label={`Open result ${result.ordinal}`}
      aria-selected={active}
      data-testid="result-row"
      data-row-index={index}
      data-ordinal={result.ordinal}
      data-errored={result.error ? "true" : "false"}
      onClick={onSelect}
      onFocus={onFocus}
      onKeyDown={onKeyDown}
      className={cn(
        "cursor-pointer border-b border-zinc-100 last:border-0 hover:bg-zinc-50 focus-visible:outline-none",
        active && "bg-blue-50/50 shadow-[inset_2px_0_0_var(--color-blue-500)] hover:bg-blue-50/70",
      )}
    >
      <Td className="text-right text-xs text-zinc-500 tabular-nums">
        {result.round > 1 && (
          <span className="mr-1 rounded bg-violet-50 px-1 text-[10px] font-medium text-violet-700" title={`Produced by retry round ${result.round}`}>
            r{result.round}
          </span>
        )}
        <span title={`Item ${result.ordinal.toLocaleString()} of the dataset${repeated ? `, repetition ${result.repetition + 1}` : ""}`}>
          {result.ordinal.toLocaleString()}
          {repeated && <span className="text-zinc-500">·{result.repetition + 1}</span>}
        </span>
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
          {result.scores.length === 0 ? (
            <span className="text-xs text-zinc-500">—</span>
          ) : (
            result.scores.map((score) => <ScoreChip key={score.name} score={score} />)
          )}
        </div>
      </Td>
      <Td className="text-right text-xs text-zinc-600 tabular-nums">{formatDuration(result.latencyMs)}</Td>
      {showTokens && (
        <Td
          className="text-right text-xs text-zinc-600 tabular-nums"
          title={
            result.promptTokens !== null || result.completionTokens !== null
              ? `${result.promptTokens ?? 0} prompt + ${result.completionTokens ?? 0} completion`
              : undefined
          }
        >
          {result.promptTokens === null && result.completionTokens === null ? (
            <span className="text-zinc-500">—</span>
          ) : (
            formatCount((result.promptTokens ?? 0) + (result.completionTokens ?? 0))
          )}
        </Td>
      )}
      {showCost && (
        <Td className="text-right text-xs text-zinc-600 tabular-nums">
          {result.costUsd === null ? <span className="text-zinc-500">—</span> : formatCost(result.costUsd)}
        </Td>
      )}
      <Td className={result.attempts > 1 ? "text-right text-xs font-medium text-amber-700 tabular-nums" : "text-right text-xs text-zinc-500 tabular-nums"}>
        {result.attempts}
      </Td>
    </tr>
  );
}
