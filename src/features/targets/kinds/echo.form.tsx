import type { TargetKindForm } from "../components/target-kind-form";

export const echoForm: TargetKindForm<"echo", Record<string, never>> = {
  newDraft: () => ({}),
  fromConfig: () => ({}),
  toConfig: () => ({ kind: "echo" }),
  fields: () => (
    <p className="rounded-md bg-zinc-50 px-3 py-2.5 text-xs text-zinc-600 ring-1 ring-zinc-200 ring-inset">
      Nothing to configure: each item&apos;s input comes back as its output. Useful to check scorers and the pipeline.
    </p>
  ),
  fieldPaths: [],
};
