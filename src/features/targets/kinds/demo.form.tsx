import { numberInput, Row, type TargetKindForm } from "../components/target-kind-form";

interface DemoDraft {
  latencyMs: string;
  jitterMs: string;
  failureRate: string;
  accuracy: string;
}

const text = (value: number) => String(value);

export const demoForm: TargetKindForm<"demo", DemoDraft> = {
  newDraft: () => ({ latencyMs: "300", jitterMs: "200", failureRate: "0", accuracy: "0.8" }),
  fromConfig: (config) => ({
    latencyMs: text(config.latencyMs),
    jitterMs: text(config.jitterMs),
    failureRate: text(config.failureRate),
    accuracy: text(config.accuracy),
  }),
  toConfig: (draft, read) => ({
    kind: "demo",
    latencyMs: read.number("latencyMs", draft.latencyMs),
    jitterMs: read.number("jitterMs", draft.jitterMs),
    failureRate: read.number("failureRate", draft.failureRate),
    accuracy: read.number("accuracy", draft.accuracy),
  }),
  fields: ({ draft, set, errors }) => (
    <Row className="grid-cols-2 md:grid-cols-4">
      {numberInput(errors, "Latency (ms)", "latencyMs", draft.latencyMs, (v) => set({ latencyMs: v }))}
      {numberInput(errors, "Jitter (ms)", "jitterMs", draft.jitterMs, (v) => set({ jitterMs: v }))}
      {numberInput(errors, "Failure rate", "failureRate", draft.failureRate, (v) => set({ failureRate: v }), "0 to 1")}
      {numberInput(errors, "Accuracy", "accuracy", draft.accuracy, (v) => set({ accuracy: v }), "0 to 1")}
    </Row>
  ),
  fieldPaths: ["latencyMs", "jitterMs", "failureRate", "accuracy"],
};
