"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { formatDateTime, formatDuration, formatPercent, formatRelative, formatScore, shortId } from "@/components/format";
import { ProgressBar } from "@/components/ui/progress-bar";
import { TableCard, Td, Th, THead, Tr } from "@/components/ui/table";
import type { ReactNode } from "react";
import { TARGET_KINDS, type TargetKind } from "@/features/targets";
import type { RouterOutputs } from "@/lib/trpc/types";
import { runDurationMs } from "../metrics";
import { isTerminal } from "../status";
import { RunStatusBadge } from "./run-status-badge";

export type RunListRow = RouterOutputs["runs"]["list"]["runs"][number];

export function runLabel(run: { name: string; id: string }): string {
  return run.name || `Run ${shortId(run.id)}`;
}

function targetLabel(kind: string): string {
  return kind in TARGET_KINDS ? TARGET_KINDS[kind as TargetKind].label : kind;
}

/** Scorers shown in the row; the others are named in the cell's hover text. */
const LISTED_SCORERS = 3;

function scoreLine(score: RunListRow["scores"][number]): string {
  return `${score.name}: mean ${formatScore(score.mean)}, ${formatPercent(score.passRate)} passed`;
}

function ScoresCell({ scores }: { scores: RunListRow["scores"] }) {
  if (scores.length === 0) return <span className="text-zinc-400">—</span>;
  const rest = scores.slice(LISTED_SCORERS);
  return (
    <div className="space-y-0.5 text-xs" title={scores.map(scoreLine).join("\n")}>
      {scores.slice(0, LISTED_SCORERS).map((score) => (
        <div key={score.name} className="flex items-baseline gap-1.5 whitespace-nowrap" aria-label={scoreLine(score)}>
          <span className="max-w-28 truncate text-zinc-500">{score.name}</span>
          <span className="font-medium text-zinc-900 tabular-nums">{formatScore(score.mean)}</span>
          <span className="text-zinc-500 tabular-nums">{formatPercent(score.passRate)}</span>
        </div>
      ))}
      {rest.length > 0 && <div className="text-zinc-500">+{rest.length} more</div>}
    </div>
  );
}

function runDuration(run: RunListRow, now: number): number | null {
  const end = run.completedAt ?? (isTerminal(run.status) ? null : new Date(now));
  return end ? runDurationMs(run, end) : null;
}

/** Runs, newest first; shared by the runs page and a dataset's runs tab. */
export function RunsTable({ runs, showDataset = true, footer, now }: { runs: RunListRow[]; showDataset?: boolean; footer?: ReactNode; now: number }) {
  const router = useRouter();
  return (
    <TableCard footer={footer} minWidth={showDataset ? 1180 : 1040} stickyFirst>
      <colgroup>
        <col className="w-[20%]" />
        <col className="w-32" />
        {showDataset && <col className="w-[15%]" />}
        <col className="w-36" />
        <col className="w-52" />
        <col className="w-48" />
        <col className="w-32" />
        <col className="w-24" />
      </colgroup>
      <THead>
        <Th>Run</Th>
        <Th>Status</Th>
        {showDataset && <Th>Dataset</Th>}
        <Th>Target</Th>
        <Th>Progress</Th>
        <Th title="Each scorer's mean and pass rate (errored items count as 0 and not passed)">Scores</Th>
        <Th>Created</Th>
        <Th className="text-right">Duration</Th>
      </THead>
      <tbody>
        {runs.map((run) => {
          const failed = run.failedCount;
          return (
            <Tr key={run.id} interactive onClick={() => router.push(`/runs/${run.id}`)} data-testid="run-row">
              <Td>
                <Link href={`/runs/${run.id}`} className="font-medium text-zinc-900 hover:underline" onClick={(e) => e.stopPropagation()}>
                  {runLabel(run)}
                </Link>
                {run.round > 1 && (
                  <span
                    className="ml-1.5 rounded bg-violet-50 px-1 py-px text-[10px] font-medium text-violet-700 ring-1 ring-violet-200 ring-inset"
                    title={`Failed items retried: round ${run.round}`}
                  >
                    round {run.round}
                  </span>
                )}
              </Td>
              <Td>
                <RunStatusBadge status={run.status} />
              </Td>
              {showDataset && (
                <Td>
                  <Link href={`/datasets/${run.datasetId}`} className="text-zinc-600 hover:text-zinc-900 hover:underline" onClick={(e) => e.stopPropagation()}>
                    {run.datasetName}
                  </Link>
                  <span className="ml-1.5 text-xs text-zinc-500">v{run.datasetVersion}</span>
                </Td>
              )}
              <Td className="text-zinc-600">
                {run.targetName ?? targetLabel(run.targetKind)}
                {run.targetName && <div className="text-xs text-zinc-500">{targetLabel(run.targetKind)}</div>}
              </Td>
              <Td>
                <div className="flex items-center gap-3">
                  <div className="w-20 shrink-0">
                    <ProgressBar
                      size="sm"
                      succeeded={run.doneCount - failed}
                      failed={failed}
                      total={run.total}
                      label={`Progress of ${runLabel(run)}`}
                      animated={run.status === "running"}
                    />
                  </div>
                  <span className="text-xs text-zinc-600 tabular-nums">
                    {run.doneCount}/{run.total}
                    {failed > 0 && <span className="ml-1.5 text-red-600">{failed} failed</span>}
                  </span>
                </div>
              </Td>
              <Td>
                <ScoresCell scores={run.scores} />
              </Td>
              <Td className="text-zinc-500" title={formatDateTime(run.createdAt)}>
                {formatRelative(run.createdAt, now)}
              </Td>
              <Td className="text-right text-zinc-600 tabular-nums">{formatDuration(runDuration(run, now))}</Td>
            </Tr>
          );
        })}
      </tbody>
    </TableCard>
  );
}
