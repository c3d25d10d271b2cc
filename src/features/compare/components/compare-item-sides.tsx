"use client";

import { formatDuration, formatScore } from "@/components/format";
import { JsonView, LabelledJson } from "@/components/json-view";
import { cn } from "@/components/ui/cn";
import { Drawer } from "@/components/ui/dialog";
import { MonoCell } from "@/components/ui/table";
import { ScoreChip } from "@/features/runs/components";
import { previewJson } from "@/lib/json";
import type { RouterOutputs } from "@/lib/trpc/types";
import { Delta } from "./delta";
import { OutputDiff } from "./output-diff";

export type Row = RouterOutputs["compare"]["items"]["rows"][number];
type SideData = Row["baseline"];

/** With repetitions: the item's value over all of them, how many passed and errored, and whether it is flaky. */
function RepetitionsLine({ side }: { side: NonNullable<SideData> }) {
  if (side.repetitions <= 1 && !side.flaky) return null;
  return (
    <span className="text-[11px] text-zinc-500 tabular-nums" data-testid="side-repetitions">
      mean {formatScore(side.value)} · passed {side.passedRepetitions}/{side.repetitions}
      {side.erroredRepetitions > 0 && <span className="text-red-600"> · {side.erroredRepetitions} errored</span>}
      {side.flaky && (
        <span
          className="ml-1 rounded bg-amber-50 px-1 text-amber-800 ring-1 ring-amber-200 ring-inset"
          data-testid="flaky-badge"
          title="Passed in some repetitions and not in others: a change here may be noise"
        >
          flaky
        </span>
      )}
    </span>
  );
}

export function SideCell({ side, scorer, missing }: { side: SideData; scorer: string | null; missing: string }) {
  if (!side) return <span className="text-xs text-zinc-500 italic">{missing}</span>;
  const score = side.scores.find((s) => s.name === scorer);
  return (
    <div className="flex min-w-0 flex-col gap-1 py-1.5">
      <RepetitionsLine side={side} />
      {side.error && side.output === null ? (
        <span className="truncate font-mono text-xs text-red-600" title={side.error}>
          {side.error}
        </span>
      ) : (
        <MonoCell value={previewJson(side.output ?? undefined, 240)} />
      )}
      <div className="flex flex-wrap gap-1">
        {score ? <ScoreChip score={score} /> : side.scores.slice(0, 2).map((s) => <ScoreChip key={s.name} score={s} />)}
      </div>
    </div>
  );
}

/** The item's value on the scorer over its repetitions: target errors count as 0. */
export function scoreOf(side: SideData): string {
  if (!side) return "—";
  return side.erroredRepetitions === side.repetitions ? "errored (0)" : formatScore(side.value);
}

function SidePanel({ title, side }: { title: string; side: SideData }) {
  return (
    <div className="min-w-0">
      <div className="mb-1.5 flex items-center justify-between gap-2">
        <p className="text-[11px] font-medium tracking-wide text-zinc-500 uppercase">{title}</p>
        {side && <span className="text-[11px] text-zinc-500 tabular-nums">{formatDuration(side.latencyMs)}</span>}
      </div>
      {!side ? (
        <JsonView value={null} empty="Not in this run" />
      ) : (
        <>
          <RepetitionsLine side={side} />
          {side.repetitions > 1 && <p className="mb-1 text-[11px] text-zinc-500">Output of the first repetition</p>}
          {side.error && <p className="mb-1.5 rounded-md bg-red-50 px-2.5 py-1.5 text-xs text-red-700 ring-1 ring-red-200">{side.error}</p>}
          <JsonView value={side.output} empty="No output" maxHeight="max-h-72" />
          <div className="mt-2 flex flex-wrap gap-1">
            {side.scores.map((s) => (
              <ScoreChip key={s.name} score={s} />
            ))}
          </div>
        </>
      )}
    </div>
  );
}

/** One item of a comparison side by side: input, expected output, both runs' outputs and scores, and their diff. */
export function RowDrawer({ row, scorer, onClose }: { row: Row | null; scorer: string | null; onClose: () => void }) {
  return (
    <Drawer
      open={row !== null}
      onOpenChange={(isOpen) => !isOpen && onClose()}
      title={row ? `Item #${row.ordinal}` : "Item"}
      description={
        row && scorer ? (
          <>
            Δ {scorer}: <Delta value={row.delta} />
          </>
        ) : undefined
      }
      data-testid="compare-drawer"
    >
      {row && (
        <div className="flex flex-col gap-5">
          <div className="grid gap-4 md:grid-cols-2">
            <LabelledJson label="Input" value={row.input} maxHeight="max-h-56" />
            <LabelledJson label="Expected output" value={row.expectedOutput} empty="No expected output" maxHeight="max-h-56" />
          </div>
          <div className={cn("grid gap-4 md:grid-cols-2")}>
            <SidePanel title="Baseline" side={row.baseline} />
            <SidePanel title="Candidate" side={row.candidate} />
          </div>
          <OutputDiff baseline={row.baseline} candidate={row.candidate} />
        </div>
      )}
    </Drawer>
  );
}
