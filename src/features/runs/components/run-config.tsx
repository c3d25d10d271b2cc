import type { ReactNode } from "react";
import { formatDuration } from "@/components/format";
import { cn } from "@/components/ui/cn";
import { SCORER_TYPES } from "@/features/scorers";
import { TARGET_KINDS } from "@/features/targets";
import type { RunDto } from "../schemas";

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex min-w-0 items-baseline justify-between gap-3 py-1">
      <dt className="shrink-0 text-xs text-zinc-500">{label}</dt>
      <dd className="min-w-0 truncate text-right text-xs text-zinc-800 tabular-nums">{children}</dd>
    </div>
  );
}

/** A value as code. `titled`: whole on hover, for values the row may cut (URLs); `muted`: masked secrets. */
function Code({ children, titled, muted }: { children: string; titled?: boolean; muted?: boolean }) {
  return (
    <span className={cn("font-mono", muted && "text-zinc-500")} title={titled ? children : undefined}>
      {children}
    </span>
  );
}

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="border-t border-zinc-100 px-4 py-3 first:border-0">
      <h3 className="mb-1 text-[11px] font-medium tracking-wide text-zinc-500 uppercase">{title}</h3>
      {children}
    </div>
  );
}

/** What the run was started with. Header values arrive masked from the server. */
export function RunConfig({ run }: { run: RunDto }) {
  const { target, settings } = run;
  return (
    <aside className="rounded-lg border border-zinc-200 bg-white shadow-xs" aria-label="Run configuration" data-testid="run-config">
      <Group title="Target">
        <dl>
          <Row label="Kind">{TARGET_KINDS[target.kind].label}</Row>
          {target.kind === "demo" && (
            <>
              <Row label="Latency">
                {target.latencyMs} ms ± {target.jitterMs} ms
              </Row>
              <Row label="Failure rate">{target.failureRate}</Row>
              <Row label="Accuracy">{target.accuracy}</Row>
            </>
          )}
          {target.kind === "http" && (
            <>
              <Row label="Method">{target.method}</Row>
              <Row label="URL">
                <Code titled>{target.url}</Code>
              </Row>
              <Row label="Output path">
                <Code>{target.outputPath || "(whole body)"}</Code>
              </Row>
              {Object.entries(target.headers).map(([name, value]) => (
                <Row key={name} label={name}>
                  <Code muted>{value}</Code>
                </Row>
              ))}
            </>
          )}
          {target.kind === "openai-chat" && (
            <>
              <Row label="Base URL">
                <Code titled>{target.baseUrl}</Code>
              </Row>
              <Row label="Model">
                <Code>{target.model}</Code>
              </Row>
              {target.apiKey && (
                <Row label="API key">
                  <Code muted>{target.apiKey}</Code>
                </Row>
              )}
              {target.temperature !== undefined && <Row label="Temperature">{target.temperature}</Row>}
            </>
          )}
        </dl>
      </Group>
      <Group title="Scorers">
        {run.scorers.length === 0 ? (
          <p className="py-1 text-xs text-zinc-500">None</p>
        ) : (
          <dl>
            {run.scorers.map((scorer) => (
              <Row key={scorer.name} label={scorer.name}>
                {SCORER_TYPES[scorer.type].label} · ≥ {scorer.threshold}
                {scorer.type === "contains" && scorer.params.value ? ` · “${scorer.params.value}”` : ""}
                {"caseSensitive" in scorer.params && !scorer.params.caseSensitive ? " · any case" : ""}
              </Row>
            ))}
          </dl>
        )}
      </Group>
      <Group title="Settings">
        <dl>
          <Row label="Concurrency">{settings.concurrency}</Row>
          <Row label="Timeout">{formatDuration(settings.timeoutMs)}</Row>
          <Row label="Retries">{settings.retries}</Row>
          <Row label="Repetitions">{settings.repetitions}</Row>
        </dl>
      </Group>
    </aside>
  );
}
