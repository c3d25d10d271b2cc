import { Badge, type Tone } from "@/components/ui/badge";
import type { RunStatus } from "../status";

// A Record over RunStatus: adding a status fails the type check until it has a look here.
const STATUS_DISPLAY: Record<RunStatus, { label: string; tone: Tone; pulse: boolean }> = {
  pending: { label: "Pending", tone: "neutral", pulse: true },
  running: { label: "Running", tone: "blue", pulse: true },
  completed: { label: "Completed", tone: "green", pulse: false },
  failed: { label: "Failed", tone: "red", pulse: false },
  cancelled: { label: "Cancelled", tone: "amber", pulse: false },
};

export function RunStatusBadge({ status }: { status: RunStatus }) {
  const display = STATUS_DISPLAY[status];
  return (
    <Badge tone={display.tone} dot pulse={display.pulse} data-testid="run-status" title={status}>
      <span data-status={status}>{display.label}</span>
    </Badge>
  );
}

export const RUN_STATUS_LABELS: Record<RunStatus, string> = Object.fromEntries(
  Object.entries(STATUS_DISPLAY).map(([status, display]) => [status, display.label]),
) as Record<RunStatus, string>;
