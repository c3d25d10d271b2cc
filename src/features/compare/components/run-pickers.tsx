"use client";

import Link from "next/link";
import { formatRelative, shortId } from "@/components/format";
import { Select } from "@/components/ui/field";
import { RUN_STATUS_LABELS } from "@/features/runs/components";
import type { RunStatus } from "@/features/runs";
import { api } from "@/lib/trpc/react";
import type { RouterOutputs } from "@/lib/trpc/types";
import { COMPARE_LIMITS } from "../schemas";

type RunListItem = RouterOutputs["runs"]["list"]["runs"][number];

function runLabel(run: { name: string; id: string; datasetVersion: number; status: RunStatus; createdAt: Date }): string {
  const status = RUN_STATUS_LABELS[run.status];
  return `${run.name || `Run ${shortId(run.id)}`} · v${run.datasetVersion} · ${status} · ${formatRelative(run.createdAt)}`;
}

/** The dataset, baseline and candidate pickers above a comparison. */
export function RunPickers({
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
