"use client";

import Link from "next/link";
import { formatRelative, shortId } from "@/components/format";
import { PageHeader } from "@/components/page-header";
import { Select } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import { Callout, EmptyState, ErrorState } from "@/components/ui/states";
import { cn } from "@/components/ui/cn";
import { Segmented } from "@/components/ui/tabs";
import { defineUrlState, urlField, useUrlState } from "@/components/use-url-state";
import { RUN_STATUS_LABELS } from "@/features/runs/components";
import { isTerminal, type RunStatus } from "@/features/runs";
import { api } from "@/lib/trpc/react";
import type { RouterOutputs } from "@/lib/trpc/types";
import { COMPARE_LIMITS, compareItemFilterSchema, compareItemsInput } from "../schemas";
import { CompareItems, type ItemsState } from "./compare-items";
import { Delta } from "./delta";
import { ScorerCards } from "./scorer-cards";

type RunListItem = RouterOutputs["runs"]["list"]["runs"][number];
type Comparison = RouterOutputs["compare"]["runs"];

/**
 * The whole comparison lives in the address, so it can be shared, reloaded and
 * stepped through with Back: the runs picked (?dataset=&baseline=&candidate=a,b),
 * the candidate shown, and the item table's scorer, filter, sort, view and page.
 */
const compareView = defineUrlState({
  dataset: urlField.id(),
  baseline: urlField.id(),
  candidate: urlField.idList(COMPARE_LIMITS.candidatesMax + 1),
  /** The candidate shown when there are several; the first by default. */
  shown: urlField.id(),
  scorer: urlField.text(60),
  filter: urlField.oneOf(compareItemFilterSchema.options, "all"),
  sort: urlField.oneOf(compareItemsInput.shape.sort.unwrap().options, "ordinal"),
  view: urlField.oneOf(["table", "diff"], "table"),
  page: urlField.page(),
});
type CompareView = typeof compareView.defaults;
type SetCompareView = (patch: Partial<CompareView>) => void;
/** A new choice of runs starts the item table afresh. */
const FRESH_ITEMS = { shown: "", scorer: "", filter: "all", sort: "ordinal", view: "table", page: 1 } as const satisfies Partial<CompareView>;

function runLabel(run: { name: string; id: string; datasetVersion: number; status: RunStatus; createdAt: Date }): string {
  const status = RUN_STATUS_LABELS[run.status];
  return `${run.name || `Run ${shortId(run.id)}`} · v${run.datasetVersion} · ${status} · ${formatRelative(run.createdAt)}`;
}

export function ComparePage() {
  const [view, setView] = useUrlState(compareView);
  const { dataset: datasetParam, baseline } = view;
  const candidates = view.candidate.filter((c) => c !== baseline).slice(0, COMPARE_LIMITS.candidatesMax);
  const update = (next: { datasetId?: string; baseline?: string; candidates?: string[] }) =>
    setView({
      ...(next.datasetId !== undefined ? { dataset: next.datasetId } : {}),
      ...(next.baseline !== undefined ? { baseline: next.baseline } : {}),
      ...(next.candidates !== undefined ? { candidate: next.candidates } : {}),
      ...FRESH_ITEMS,
    });
  const comparing = baseline !== "" && candidates.length > 0;
  const comparison = api.compare.runs.useQuery(
    { baselineRunId: baseline, candidateRunIds: candidates },
    {
      enabled: comparing,
      // While a run still runs, its numbers move: follow them.
      refetchInterval: (query) => {
        const data = query.state.data;
        if (!data) return false;
        return [data.baseline, ...data.candidates.map((c) => c.run)].some((run) => !isTerminal(run.status)) ? 3000 : false;
      },
    },
  );
  // Opened with ?baseline=&candidate= only: the dataset comes from the baseline run.
  const datasetId = datasetParam || comparison.data?.baseline.datasetId || "";

  return (
    <>
      <PageHeader
        title="Compare runs"
        description="A baseline against one or more candidates on the same dataset: per-scorer deltas with 95% bootstrap intervals, then item by item — what regressed, what improved, and how the outputs differ."
      />
      <RunPickers datasetId={datasetId} baseline={baseline} candidates={candidates} onChange={update} />
      <div className="mt-6">
        {!comparing ? (
          <EmptyState title={datasetId ? (baseline ? "Pick a candidate run" : "Pick a baseline run") : "Pick a dataset"}>
            {datasetId
              ? "The baseline is the run you trust (e.g. production); candidates are the changes you are evaluating. Results are matched item by item."
              : "Comparisons are between runs of one dataset. Choose the dataset, then the baseline and candidate runs."}
          </EmptyState>
        ) : comparison.isPending ? (
          <div aria-busy="true" aria-label="Loading comparison" className="flex flex-col gap-3">
            <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
              <Skeleton className="h-40 w-full" />
              <Skeleton className="h-40 w-full" />
              <Skeleton className="h-40 w-full" />
            </div>
            <Skeleton className="h-64 w-full" />
          </div>
        ) : comparison.isError ? (
          <ErrorState title="Could not compare these runs" message={comparison.error.message} onRetry={() => void comparison.refetch()} />
        ) : (
          <ComparisonView key={`${baseline}:${candidates.join(",")}`} data={comparison.data} view={view} onChange={setView} />
        )}
      </div>
    </>
  );
}

function RunPickers({
  datasetId,
  baseline,
  candidates,
  onChange,
}: {
  datasetId: string;
  baseline: string;
  candidates: string[];
  onChange: (next: { datasetId?: string; baseline?: string; candidates?: string[] }) => void;
}) {
  const datasets = api.datasets.list.useQuery({});
  const runs = api.runs.list.useQuery({ datasetId: datasetId || undefined, page: 1, pageSize: 100 }, { enabled: datasetId !== "" });
  const list: RunListItem[] = runs.data?.runs ?? [];
  const candidateChoices = list.filter((run) => run.id !== baseline);

  function toggleCandidate(id: string) {
    if (candidates.includes(id)) onChange({ candidates: candidates.filter((c) => c !== id) });
    else if (candidates.length < COMPARE_LIMITS.candidatesMax) onChange({ candidates: [...candidates, id] });
  }
  function latestTwo() {
    const [newest, previous] = list;
    if (newest && previous) onChange({ baseline: previous.id, candidates: [newest.id] });
  }

  return (
    <div
      className="grid gap-4 rounded-lg border border-zinc-200 bg-white p-4 shadow-xs lg:grid-cols-[minmax(0,1fr)_minmax(0,1.3fr)_minmax(0,1.6fr)]"
      data-testid="compare-pickers"
    >
      <label className="flex min-w-0 flex-col gap-1.5">
        <span className="text-xs font-medium text-zinc-700">Dataset</span>
        <Select
          aria-label="Dataset"
          value={datasetId}
          onChange={(e) => onChange({ datasetId: e.target.value, baseline: "", candidates: [] })}
          disabled={datasets.isPending}
        >
          <option value="">{datasets.isPending ? "Loading…" : "Choose a dataset"}</option>
          {datasets.data?.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name} (v{d.version})
            </option>
          ))}
        </Select>
        {datasetId && (
          <Link href={`/datasets/${encodeURIComponent(datasetId)}`} className="text-xs text-zinc-500 hover:text-zinc-900">
            Open dataset →
          </Link>
        )}
      </label>
      <label className="flex min-w-0 flex-col gap-1.5">
        <span className="flex items-center justify-between text-xs font-medium text-zinc-700">
          Baseline run
          {list.length >= 2 && (
            <button type="button" className="font-normal text-blue-600 hover:underline" onClick={latestTwo}>
              Latest two runs
            </button>
          )}
        </span>
        <Select
          aria-label="Baseline run"
          value={baseline}
          onChange={(e) => onChange({ baseline: e.target.value, candidates: candidates.filter((c) => c !== e.target.value) })}
          disabled={!datasetId || runs.isPending}
        >
          <option value="">
            {!datasetId ? "Choose a dataset first" : runs.isPending ? "Loading runs…" : list.length === 0 ? "No runs on this dataset" : "Choose the baseline"}
          </option>
          {list.map((run) => (
            <option key={run.id} value={run.id}>
              {runLabel(run)}
            </option>
          ))}
          {baseline && !list.some((r) => r.id === baseline) && <option value={baseline}>Run {shortId(baseline)}</option>}
        </Select>
      </label>
      <fieldset className="flex min-w-0 flex-col gap-1.5">
        <legend className="mb-1.5 text-xs font-medium text-zinc-700">
          Candidate runs <span className="font-normal text-zinc-500">up to {COMPARE_LIMITS.candidatesMax}</span>
        </legend>
        {!datasetId || !baseline ? (
          <p className="text-xs text-zinc-500">Choose the baseline first.</p>
        ) : candidateChoices.length === 0 ? (
          <p className="text-xs text-zinc-500">No other run on this dataset. Run it again with a change to compare.</p>
        ) : (
          <ul className="flex max-h-32 flex-col gap-0.5 overflow-y-auto" aria-label="Candidate runs">
            {candidateChoices.map((run) => {
              const checked = candidates.includes(run.id);
              return (
                <li key={run.id}>
                  <label className="flex cursor-pointer items-center gap-2 rounded px-1.5 py-1 text-xs text-zinc-700 hover:bg-zinc-50">
                    <input
                      type="checkbox"
                      className="size-3.5 accent-zinc-900"
                      checked={checked}
                      disabled={!checked && candidates.length >= COMPARE_LIMITS.candidatesMax}
                      onChange={() => toggleCandidate(run.id)}
                    />
                    <span className="truncate">{runLabel(run)}</span>
                  </label>
                </li>
              );
            })}
          </ul>
        )}
      </fieldset>
    </div>
  );
}

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

function ComparisonView({ data, view, onChange }: { data: Comparison; view: CompareView; onChange: SetCompareView }) {
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
            items regressed
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
