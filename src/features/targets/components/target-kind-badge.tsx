import { Badge } from "@/components/ui/badge";
import { targetKind, TARGET_KINDS, type TargetKind } from "../schemas";

export function isTargetKind(kind: string): kind is TargetKind {
  return Object.prototype.hasOwnProperty.call(TARGET_KINDS, kind);
}

export function TargetKindBadge({ kind }: { kind: string }) {
  const known = isTargetKind(kind) ? targetKind(kind) : undefined;
  if (!known) return <Badge>{kind}</Badge>;
  return (
    <Badge tone={known.badge.tone} title={known.label} data-testid="target-kind">
      {known.badge.label}
    </Badge>
  );
}
