"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { formatDateTime, formatDuration, formatPercent, formatRelative, formatScore, shortId } from "@/components/format";
import { Pagination } from "@/components/ui/pagination";
import { ProgressBar } from "@/components/ui/progress-bar";
import { TableCard, TableColumns, Td, Tr } from "@/components/ui/table";
import { TARGET_KINDS, type TargetKind } from "@/features/targets";
import type { RouterOutputs } from "@/lib/trpc/types";
import { runDurationMs } from "../metrics";
import { isTerminal } from "../status";
import { RunStatusBadge } from "./run-status-badge";
import { scorerColumns } from "./scorer-columns";

export type RunListRow = RouterOutputs["runs"]["list"]["runs"][number];

export function runLabel(run: { name: string; id: string }): string {
  return run.name || `Run ${shortId(run.id)}`;
}

function targetLabel(kind: string): string {
  return kind in TARGET_KINDS ? TARGET_KINDS[kind as TargetKind].label : kind;
}

/** Scorers with a column of their own; the others are named in the row's hover text. */
const LISTED_SCORERS = 3;

type ListedScore = RunListRow["scores"][number];

function scoreLine(score: ListedScore): string {
  return `${score.name}: mean ${formatScore(score.mean)}, ${formatPercent(score.passRate)} passed`;
}

/** One scorer's mean (the figure to compare) over its pass rate. */
function ScoreCell({ run, name }: { run: RunListRow; name: string }) {
  const score = run.scores.find((s) => s.name === name);
  if (!score) {
    return (
      <Td className="px-2! text-right text-zinc-400" title={`${runLabel(run)} has no scorer named ${name}`}>
        <span aria-label="not scored">—</span>
      </Td>
    );
  }
  return (
    <Td className="px-2! text-right" title={scoreLine(score)} data-testid="run-score" data-scorer={name}>
      <div className="text-[13px] leading-tight font-medium text-zinc-900 tabular-nums">{formatScore(score.mean)}</div>
      <div className="text-[11px] leading-tight text-zinc-500 tabular-nums">{formatPercent(score.passRate)}</div>
    </Td>
  );
}

/** The run's other scorers (not in a column): a count, each one's figures on hover. */
function MoreScoresCell({ run, columns }: { run: RunListRow; columns: readonly string[] }) {
  const rest = run.scores.filter((s) => !columns.includes(s.name));
  if (rest.length === 0) return <Td />;
  const lines = rest.map(scoreLine).join("\n");
  return (
    <Td className="text-xs text-zinc-500" title={lines} data-testid="run-more-scores">
      <span className="rounded bg-zinc-100 px-1.5 py-0.5 tabular-nums" aria-label={`${rest.length} more: ${rest.map(scoreLine).join("; ")}`}>
        +{rest.length}
      </span>
    </Td>
  );
}

function runDuration(run: RunListRow, now: number): number | null {
  const end = run.completedAt ?? (isTerminal(run.status) ? null : new Date(now));
  return end ? runDurationMs(run, end) : null;
}

/**
 * A page of runs, with a pager under it when `onPageChange` is given; shared
 * by the runs page and a dataset's runs tab.
 */
export function RunsTable({
  list,
  onPageChange,
  showDataset = true,
  now,
}: {
  list: RouterOutputs["runs"]["list"];
  onPageChange?: (page: number) => void;
  showDataset?: boolean;
  now: number;
}) {
  const { runs } = list;
  const footer = onPageChange && <Pagination page={list.page} pageSize={list.pageSize} total={list.total} onPageChange={onPageChange} noun="runs" />;
  const router = useRouter();
  const columns = scorerColumns(runs, LISTED_SCORERS);
  const more = runs.some((run) => run.scores.some((s) => !columns.includes(s.name)));
  // Every column but Run has a width; Run takes the rest, at least 240 px (below that the card scrolls sideways).
  const minWidth = 240 + (showDataset ? 720 : 592) + columns.length * 96 + (more ? 56 : 0);
  return (
    <TableCard footer={footer} minWidth={minWidth} stickyFirst>
      <TableColumns
        columns={[
          { header: "Run" },
          { width: "w-28", header: "Status" },
          showDataset && { width: "w-32", header: "Dataset" },
          { width: "w-32", header: "Target" },
          { width: "w-40", header: "Progress" },
          ...columns.map((name) => ({
            width: "w-24",
            className: "px-2! text-right",
            title: `${name}: mean, and pass rate under it (errored items count as 0 and not passed)`,
            // Two lines before an ellipsis: scorer names are often a few words ("mentions help page").
            header: <span className="line-clamp-2 leading-tight break-words">{name}</span>,
          })),
          more && {
            width: "w-14",
            title: "The run's other scorers: hover a row's count for their figures",
            header: <span className="sr-only">Other scorers</span>,
          },
          { width: "w-24", header: "Created" },
          { width: "w-24", header: "Duration", className: "text-right" },
        ]}
      />
      <tbody>
        {runs.map((run) => {
          const failed = run.failedCount;
          return (
            <Tr key={run.id} interactive onClick={() => router.push(`/runs/${run.id}`)} data-testid="run-row">
              <Td title={runLabel(run)}>
                <Link href={`/runs/${run.id}`} className="block truncate font-medium text-zinc-900 hover:underline" onClick={(e) => e.stopPropagation()}>
                  {runLabel(run)}
                </Link>
                {/* Under the name, not beside it: a long name truncates without clipping the badge. */}
                {run.round > 1 && (
                  <span
                    className="mt-0.5 inline-block rounded bg-violet-50 px-1 py-px text-[10px] font-medium text-violet-700 ring-1 ring-violet-200 ring-inset"
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
                <Td title={`${run.datasetName} v${run.datasetVersion}`}>
                  <Link href={`/datasets/${run.datasetId}`} className="text-zinc-600 hover:text-zinc-900 hover:underline" onClick={(e) => e.stopPropagation()}>
                    {run.datasetName}
                  </Link>
                  <span className="ml-1.5 text-xs text-zinc-500">v{run.datasetVersion}</span>
                </Td>
              )}
              <Td className="text-zinc-600" title={run.targetName ? `${run.targetName} (${targetLabel(run.targetKind)})` : targetLabel(run.targetKind)}>
                <div className="truncate" data-testid="run-target">
                  {run.targetName ?? targetLabel(run.targetKind)}
                </div>
                {run.targetName && <div className="truncate text-xs text-zinc-500">{targetLabel(run.targetKind)}</div>}
              </Td>
              <Td>
                <div className="flex items-center gap-3">
                  <div className="w-16 shrink-0">
                    <ProgressBar
                      size="sm"
                      succeeded={run.doneCount - failed}
                      failed={failed}
                      total={run.total}
                      label={`Progress of ${runLabel(run)}`}
                      animated={run.status === "running"}
                    />
                  </div>
                  {/* Failures under the count: the column stays narrow enough for the score columns. */}
                  <span className="text-xs leading-tight text-zinc-600 tabular-nums">
                    {run.doneCount}/{run.total}
                    {failed > 0 && <span className="block text-red-600">{failed} failed</span>}
                  </span>
                </div>
              </Td>
              {columns.map((name) => (
                <ScoreCell key={name} run={run} name={name} />
              ))}
              {more && <MoreScoresCell run={run} columns={columns} />}
              <Td className="text-zinc-500" title={formatDateTime(run.createdAt)}>
                {formatRelative(run.createdAt, now)}
              </Td>
              <Td
                className="text-right text-zinc-600 tabular-nums"
                title={isTerminal(run.status) ? "Took: the time its rounds executed" : "Elapsed so far"}
                data-testid="run-duration"
              >
                {formatDuration(runDuration(run, now))}
              </Td>
            </Tr>
          );
        })}
      </tbody>
    </TableCard>
  );
}
