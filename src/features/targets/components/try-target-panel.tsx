"use client";

import { useEffect, useState, type FormEvent } from "react";
import { formatDuration } from "@/components/format";
import { useNow } from "@/components/hooks";
import { JsonView } from "@/components/json-view";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { CodeTextarea, Field, Select } from "@/components/ui/field";
import { AlertIcon, CheckIcon, PlayIcon } from "@/components/ui/icons";
import { Segmented } from "@/components/ui/tabs";
import { JSON_RULE_HINT, parseLooseJson } from "@/features/datasets";
import { errorMessage } from "@/lib/trpc/errors";
import { previewJson, type JsonValue } from "@/lib/json";
import { api } from "@/lib/trpc/react";
import type { RouterOutputs } from "@/lib/trpc/types";
import type { TargetConfig } from "../schemas";
import { SectionHeading } from "@/components/ui/section-heading";

type Source = "sample" | "item";
type TryResult = RouterOutputs["targets"]["try"];

const DEFAULT_SAMPLE = '{ "question": "What is the capital of France?" }';

function formatCost(usd: number): string {
  if (usd === 0) return "$0";
  return usd < 1 ? `$${Number(usd.toPrecision(3))}` : `$${usd.toFixed(2)}`;
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-[10px] font-medium tracking-wide text-zinc-500 uppercase">{label}</dt>
      <dd className="mt-0.5 truncate text-[13px] font-medium text-zinc-900 tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/** What came back: output or error, with latency, tokens and cost. */
export function TryResultBox({ result }: { result: TryResult }) {
  const tokens = result.usage && (result.usage.promptTokens !== null || result.usage.completionTokens !== null) ? result.usage : null;
  return (
    <div
      className={cn("overflow-hidden rounded-lg border bg-white", result.ok ? "border-emerald-200" : "border-red-200")}
      data-testid="try-result"
      data-ok={result.ok}
    >
      <div className={cn("flex items-center justify-between gap-3 px-3.5 py-2.5", result.ok ? "bg-emerald-50/70" : "bg-red-50/70")}>
        <span
          className={cn("inline-flex items-center gap-1.5 text-[13px] font-semibold", result.ok ? "text-emerald-800" : "text-red-800")}
          data-testid="try-status"
        >
          {result.ok ? <CheckIcon /> : <AlertIcon />}
          {result.ok ? "Answered" : "Failed"}
        </span>
        {!result.ok && (
          <span className="text-xs text-zinc-500 tabular-nums" data-testid="try-latency">
            after {formatDuration(result.latencyMs)}
          </span>
        )}
      </div>
      {result.ok && (
        <dl className="grid grid-cols-3 gap-3 border-b border-zinc-100 px-3.5 py-2.5">
          <Stat label="Latency" value={formatDuration(result.latencyMs)} testId="try-latency" />
          <Stat label="Tokens in / out" value={tokens ? `${tokens.promptTokens ?? "—"} / ${tokens.completionTokens ?? "—"}` : "—"} testId="try-tokens" />
          <Stat label="Cost" value={result.costUsd !== null ? formatCost(result.costUsd) : "—"} testId="try-cost" />
        </dl>
      )}
      <div className="flex flex-col gap-1.5 px-3.5 py-3">
        {result.ok ? (
          <>
            <span className="text-xs font-medium text-zinc-700">Output</span>
            <div data-testid="try-output">
              <JsonView value={result.output} empty="The target answered with no output" maxHeight="max-h-80" />
            </div>
          </>
        ) : (
          <>
            <span className="text-xs font-medium text-zinc-700">Error</span>
            <p
              className="rounded-md border border-red-100 bg-red-50/50 px-3 py-2.5 font-mono text-xs leading-relaxed break-words whitespace-pre-wrap text-red-800"
              data-testid="try-error"
            >
              {result.error ?? "The target failed without a message."}
            </p>
          </>
        )}
        <details className="group mt-1">
          <summary className="cursor-pointer text-xs text-zinc-500 select-none hover:text-zinc-800">Input sent</summary>
          <JsonView value={result.input} className="mt-1.5" maxHeight="max-h-40" />
        </details>
      </div>
    </div>
  );
}

/**
 * Sends one sample (typed, or a dataset item) to the target as it is in the
 * form — saved secrets included when editing a saved target — and shows what
 * came back, before a whole run is spent on it.
 */
export function TryTargetPanel({ targetId, buildConfig, label }: { targetId: string | null; buildConfig: () => TargetConfig | null; label: string }) {
  const [source, setSource] = useState<Source>("sample");
  const [sample, setSample] = useState(DEFAULT_SAMPLE);
  const [sampleError, setSampleError] = useState<string | null>(null);
  const [datasetId, setDatasetId] = useState("");
  const [itemId, setItemId] = useState("");
  const [formInvalid, setFormInvalid] = useState(false);
  const datasets = api.datasets.list.useQuery(undefined, { enabled: source === "item" });
  const items = api.items.list.useQuery({ datasetId, pageSize: 50 }, { enabled: source === "item" && datasetId !== "" });
  const attempt = api.targets.try.useMutation();
  const now = useNow(attempt.isPending, 100);
  const [startedAt, setStartedAt] = useState(0);

  // Pick the first dataset and item so "Send" works in one click.
  useEffect(() => {
    if (datasetId === "" && datasets.data?.[0]) setDatasetId(datasets.data[0].id);
  }, [datasets.data, datasetId]);
  useEffect(() => {
    const first = items.data?.items[0];
    if (first && !items.data?.items.some((item) => item.itemId === itemId)) setItemId(first.itemId);
  }, [items.data, itemId]);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (attempt.isPending) return;
    const config = buildConfig();
    setFormInvalid(config === null);
    if (!config) return;
    let payload: { input?: JsonValue; datasetItemId?: string };
    if (source === "sample") {
      const parsed = parseLooseJson(sample);
      if (!parsed.ok) return setSampleError(parsed.error);
      if (parsed.value === undefined) return setSampleError("Type an input to send.");
      setSampleError(null);
      payload = { input: parsed.value };
    } else {
      if (!itemId) return;
      payload = { datasetItemId: itemId };
    }
    setStartedAt(Date.now());
    attempt.mutate({ ...(targetId ? { targetId } : {}), config, ...payload });
  }

  const selectedItem = items.data?.items.find((item) => item.itemId === itemId);

  return (
    <section className="flex flex-col gap-3 rounded-lg border border-zinc-200 bg-white p-4 shadow-xs" aria-label="Try it" data-testid="try-panel">
      <div className="flex items-start justify-between gap-3">
        <SectionHeading title="Try it" description={<>Send one input to {label} as configured here, saved or not. No retries, nothing recorded.</>} />
      </div>
      <form onSubmit={onSubmit} className="flex flex-col gap-3" noValidate>
        <Segmented
          label="Input source"
          value={source}
          onChange={setSource}
          items={[
            { value: "sample", label: "Sample input" },
            { value: "item", label: "Dataset item" },
          ]}
        />
        {source === "sample" ? (
          <Field label="Input" error={sampleError} hint={JSON_RULE_HINT}>
            {(ids) => <CodeTextarea {...ids} rows={4} value={sample} onChange={(e) => setSample(e.target.value)} />}
          </Field>
        ) : datasets.data?.length === 0 ? (
          <p className="rounded-md border border-dashed border-zinc-200 px-3 py-3 text-xs text-zinc-500">No datasets yet: use a sample input instead.</p>
        ) : (
          <div className="flex flex-col gap-3">
            <div className="grid grid-cols-2 gap-2">
              <Field label="Dataset">
                {(ids) => (
                  <Select {...ids} value={datasetId} onChange={(e) => setDatasetId(e.target.value)} disabled={!datasets.data}>
                    {!datasets.data && <option value="">Loading…</option>}
                    {datasets.data?.map((d) => (
                      <option key={d.id} value={d.id}>
                        {d.name}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <Field label="Item">
                {(ids) => (
                  <Select {...ids} value={itemId} onChange={(e) => setItemId(e.target.value)} disabled={!items.data || items.data.items.length === 0}>
                    {!items.data && <option value="">Loading…</option>}
                    {items.data?.items.length === 0 && <option value="">No items</option>}
                    {items.data?.items.map((item) => (
                      <option key={item.itemId} value={item.itemId}>
                        #{item.ordinal} · {previewJson(item.input, 40)}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
            </div>
            {selectedItem && <JsonView value={selectedItem.input} maxHeight="max-h-28" />}
          </div>
        )}
        <div className="flex items-center gap-3">
          <Button type="submit" loading={attempt.isPending} disabled={source === "item" && !itemId}>
            {!attempt.isPending && <PlayIcon width={12} height={12} />} {attempt.isPending ? "Sending…" : "Send"}
          </Button>
          {formInvalid && !attempt.isPending && <span className="text-xs text-red-600">Fix the highlighted fields first.</span>}
        </div>
      </form>

      {attempt.isPending ? (
        <div
          className="flex items-center gap-3 rounded-lg border border-dashed border-zinc-300 bg-zinc-50/60 px-3.5 py-4"
          data-testid="try-pending"
          aria-live="polite"
        >
          <span className="size-4 animate-spin rounded-full border-2 border-zinc-300 border-t-zinc-700" aria-hidden="true" />
          <span className="text-[13px] text-zinc-600">Waiting for the target…</span>
          <span className="ml-auto text-xs text-zinc-500 tabular-nums">{formatDuration(Math.max(0, now - startedAt))}</span>
        </div>
      ) : attempt.data ? (
        <TryResultBox result={attempt.data} />
      ) : attempt.error ? (
        <div className="rounded-lg border border-red-200 bg-red-50/60 px-3.5 py-3 text-[13px] text-red-800" role="alert" data-testid="try-error">
          {errorMessage(attempt.error)}
        </div>
      ) : (
        <p className="rounded-lg border border-dashed border-zinc-200 px-3.5 py-5 text-center text-xs text-zinc-500">
          The output, latency, tokens and cost show here.
        </p>
      )}
    </section>
  );
}
