import { Badge, type Tone } from "@/components/ui/badge";
import { TARGET_KINDS, type TargetKind } from "../schemas";

const KIND_TONES: Record<TargetKind, Tone> = { "openai-chat": "violet", http: "blue", demo: "amber", echo: "neutral" };
const SHORT_LABELS: Record<TargetKind, string> = { "openai-chat": "OpenAI-compatible", http: "HTTP", demo: "Demo", echo: "Echo" };

export function isTargetKind(kind: string): kind is TargetKind {
  return Object.prototype.hasOwnProperty.call(TARGET_KINDS, kind);
}

export function TargetKindBadge({ kind }: { kind: string }) {
  if (!isTargetKind(kind)) return <Badge>{kind}</Badge>;
  return (
    <Badge tone={KIND_TONES[kind]} title={TARGET_KINDS[kind].label} data-testid="target-kind">
      {SHORT_LABELS[kind]}
    </Badge>
  );
}
