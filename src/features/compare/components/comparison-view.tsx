"use client";

import Link from "next/link";
import { shortId } from "@/components/format";
import { Callout, EmptyState } from "@/components/ui/states";
import { cn } from "@/components/ui/cn";
import { Segmented } from "@/components/ui/tabs";
import { RUN_STATUS_LABELS } from "@/features/runs/components";
import { isTerminal } from "@/features/runs";
import type { RouterOutputs } from "@/lib/trpc/types";
import { CompareItems, type ItemsState } from "./compare-items";
import { Delta } from "./delta";
import { ScorerCards } from "./scorer-cards";
import { FRESH_ITEMS, type CompareView, type SetCompareView } from "./compare-view-state";

type Comparison = RouterOutputs["compare"]["runs"];

function RunLink({ run, role }: { run: Comparison["baseline"]; role: string }) {
  return (
    <span className="flex min-w-0 flex-col">
      <span className="text-[11px] font-medium tracking-wide text-zinc-500 uppercase">{role}</span>
      <Link href={`/runs/${run.id}`} className="truncate text-[13px] font-medium text-zinc-900 hover:underline" title={run.name}>
        {run.name || `Run ${shortId(run.id)}`}
      </Link>
      <span className="truncate text-xs text-zinc-500">
        {run.targetLabel} · dataset v{run.datasetVersion} · {RUN_STATUS_LABELS[run.status]}
      </span>
    </span>
  );
}

function CountLink({ n, label, onClick }: { n: number; label: string; onClick: () => void }) {
  if (n === 0) return <strong>0 {label}</strong>;
  return (
    <button type="button" className="font-semibold underline underline-offset-2 hover:text-amber-950" onClick={onClick}>
      {n.toLocaleString()} {label}
    </button>
  );
}

/** One comparison: the runs compared, the per-scorer cards, the item table, and the matrix when there are several candidates. */
export function ComparisonView({ data, view, onChange }: { data: Comparison; view: CompareView; onChange: SetCompareView }) {
  const candidate = data.candidates.find((c) => c.run.id === view.shown) ?? data.candidates[0];
  if (!candidate) return null;
  // A scorer the runs do not share (a hand-edited link) reads as the first shared one.
  const itemsState: ItemsState = {
    scorer: candidate.scorers.some((s) => s.name === view.scorer) ? view.scorer : null,
    filter: view.filter,
    sort: view.sort,
    view: view.view,
    page: view.page,
  };
  const setItemsState = (patch: Partial<ItemsState>) => {
    const { scorer, ...rest } = patch;
    onChange({ ...rest, ...(scorer !== undefined ? { scorer: scorer ?? "" } : {}) });
  };

  const scorerName = itemsState.scorer ?? candidate.scorers[0]?.name ?? null;
  const scorerDelta = candidate.scorers.find((s) => s.name === scorerName);
  const running = [data.baseline, candidate.run].filter((run) => !isTerminal(run.status));

  function filterBy(scorer: string, filter: ItemsState["filter"]) {
    setItemsState({ scorer, filter, page: 1 });
    document.getElementById("compare-items")?.scrollIntoView({ behavior: "smooth", block: "start" });
  }

  return (
    <div className="flex flex-col gap-5">
      {data.candidates.length > 1 && (
        <div className="flex flex-col gap-3">
          <Segmented
            label="Candidate"
            value={candidate.run.id}
            onChange={(id) => onChange({ ...FRESH_ITEMS, shown: id })}
            items={data.candidates.map((c, i) => ({ value: c.run.id, label: `${i + 1}. ${c.run.name || shortId(c.run.id)}` }))}
          />
          <CandidatesMatrix data={data} />
        </div>
      )}

      <div className="flex flex-wrap items-center gap-x-8 gap-y-3 rounded-lg border border-zinc-200 bg-zinc-50/60 px-4 py-3">
        <RunLink run={data.baseline} role="Baseline" />
        <span className="text-zinc-300" aria-hidden="true">
          →
        </span>
        <RunLink run={candidate.run} role="Candidate" />
        <span className="ml-auto flex gap-5 text-xs text-zinc-500">
          <span>
            <strong className="font-semibold text-zinc-900 tabular-nums">{candidate.matched.toLocaleString()}</strong> matched
          </span>
          <span>
            <strong className="font-semibold text-red-700 tabular-nums" data-testid="regressed-items">
              {candidate.regressedItems.toLocaleString()}
            </strong>{" "}
            {candidate.regressedItems === 1 ? "item" : "items"} regressed
          </span>
          <span>
            <strong className="font-semibold text-emerald-700 tabular-nums">{candidate.improvedItems.toLocaleString()}</strong> improved
          </span>
          <span data-testid="compare-errored" title="Results whose target call failed, over the matched items; each counts as 0 in every scorer">
            errored <strong className="font-semibold text-zinc-900 tabular-nums">{candidate.errored.baseline.toLocaleString()}</strong> →{" "}
            <strong className={cn("font-semibold tabular-nums", candidate.errored.candidate > candidate.errored.baseline ? "text-red-700" : "text-zinc-900")}>
              {candidate.errored.candidate.toLocaleString()}
            </strong>
          </span>
          {candidate.flakyItems > 0 && (
            <button
              type="button"
              className="text-amber-700 hover:underline"
              data-testid="compare-flaky"
              onClick={() => setItemsState({ filter: "flaky", page: 1 })}
            >
              <strong className="font-semibold tabular-nums">{candidate.flakyItems.toLocaleString()}</strong> flaky
            </button>
          )}
        </span>
      </div>

      {(candidate.scorersOnlyInBaseline.length > 0 || candidate.scorersOnlyInCandidate.length > 0) && (
        <Callout tone="amber" title="Some scorers are in one run only" data-testid="scorers-one-side">
          Not compared:{" "}
          {[
            candidate.scorersOnlyInBaseline.length > 0 ? `only in baseline: ${candidate.scorersOnlyInBaseline.join(", ")}` : null,
            candidate.scorersOnlyInCandidate.length > 0 ? `only in candidate: ${candidate.scorersOnlyInCandidate.join(", ")}` : null,
          ]
            .filter(Boolean)
            .join("; ")}
          .
        </Callout>
      )}

      {candidate.versionMismatch && (
        <Callout tone="amber" title="These runs ran on different dataset versions" data-testid="version-mismatch">
          Baseline ran on <strong>v{data.baseline.datasetVersion}</strong>, candidate on <strong>v{candidate.run.datasetVersion}</strong>. Results are matched
          by item, so items added, edited or deleted in between make the two runs differ for reasons other than the change you are testing:{" "}
          <strong>{candidate.matched.toLocaleString()}</strong> matched,{" "}
          <CountLink n={candidate.onlyBaseline} label="only in the baseline" onClick={() => setItemsState({ filter: "only-baseline", page: 1 })} />,{" "}
          <CountLink n={candidate.onlyCandidate} label="only in the candidate" onClick={() => setItemsState({ filter: "only-candidate", page: 1 })} />.
        </Callout>
      )}
      {running.length > 0 && (
        <Callout tone="blue" title="Still running">
          {running.map((r) => r.name || shortId(r.id)).join(" and ")} {running.length === 1 ? "has" : "have"} not finished: the numbers below update as results
          arrive.
        </Callout>
      )}

      {candidate.scorers.length === 0 ? (
        <EmptyState title="No scorer in common">
          The two runs share no scorer, so there are no deltas to compute. The outputs can still be compared item by item below.
        </EmptyState>
      ) : (
        <ScorerCards scorers={candidate.scorers} activeScorer={scorerName} onFilter={filterBy} />
      )}

      <CompareItems
        baselineRunId={data.baseline.id}
        candidateRunId={candidate.run.id}
        state={itemsState}
        onChange={setItemsState}
        counts={{
          matched: candidate.matched,
          regressed: scorerDelta?.regressions ?? null,
          improved: scorerDelta?.improvements ?? null,
          unchanged: scorerDelta?.unchanged ?? null,
          flaky: candidate.flakyItems,
          onlyBaseline: candidate.onlyBaseline,
          onlyCandidate: candidate.onlyCandidate,
        }}
      />
    </div>
  );
}

/** Several candidates at a glance: one row each, one delta per scorer. */
function CandidatesMatrix({ data }: { data: Comparison }) {
  const names = [...new Set(data.candidates.flatMap((c) => c.scorers.map((s) => s.name)))];
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white shadow-xs">
      <table className="w-full text-[13px]" data-testid="candidates-matrix">
        <thead className="border-b border-zinc-200 bg-zinc-50/80">
          <tr>
            <th className="h-9 px-3 text-left text-[11px] font-medium tracking-wide text-zinc-500 uppercase">Candidate</th>
            {names.map((n) => (
              <th key={n} className="h-9 px-3 text-right font-mono text-[11px] font-medium text-zinc-500">
                Δ {n}
              </th>
            ))}
            <th className="h-9 px-3 text-right text-[11px] font-medium tracking-wide text-zinc-500 uppercase">Regressed / improved</th>
          </tr>
        </thead>
        <tbody>
          {data.candidates.map((c, i) => (
            <tr key={c.run.id} className="border-b border-zinc-100 last:border-0">
              <td className="h-10 px-3 text-zinc-800">
                {i + 1}. {c.run.name || shortId(c.run.id)}{" "}
                {c.versionMismatch && <span className="ml-1 text-xs text-amber-700">(dataset v{c.run.datasetVersion})</span>}
              </td>
              {names.map((n) => {
                const s = c.scorers.find((x) => x.name === n);
                return (
                  <td key={n} className="h-10 px-3 text-right">
                    {s ? (
                      <>
                        <Delta value={s.delta} />
                        {s.significant && (
                          <span className="ml-1 text-[11px] text-zinc-500" title="95% interval excludes 0">
                            *
                          </span>
                        )}
                      </>
                    ) : (
                      <span className="text-zinc-300">—</span>
                    )}
                  </td>
                );
              })}
              <td className="h-10 px-3 text-right text-xs tabular-nums">
                {/* Arrows as well as colours: regressed down, improved up. */}
                <span className="text-red-700">
                  <span aria-hidden="true">↓</span>
                  {c.regressedItems}
                </span>{" "}
                /{" "}
                <span className="text-emerald-700">
                  <span aria-hidden="true">↑</span>
                  {c.improvedItems}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
