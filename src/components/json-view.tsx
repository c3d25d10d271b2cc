import type { ReactNode } from "react";
import { cn } from "./ui/cn";

// Matches JSON tokens in pretty-printed output: strings (keys when followed
// by a colon), numbers, booleans and null.
const TOKEN = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false)\b|\bnull\b|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

function highlight(text: string): ReactNode[] {
  const nodes: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const index = match.index ?? 0;
    if (index > last) nodes.push(text.slice(last, index));
    const [whole, str, colon, bool] = match;
    let cls = "text-blue-700";
    if (str !== undefined) cls = colon ? "text-zinc-500" : "text-emerald-700";
    else if (bool !== undefined) cls = "text-violet-700";
    else if (whole === "null") cls = "text-zinc-500";
    nodes.push(
      <span key={index} className={cls}>
        {str !== undefined ? str : whole}
      </span>,
    );
    if (colon) nodes.push(colon);
    last = index + whole.length;
  }
  if (last < text.length) nodes.push(text.slice(last));
  return nodes;
}

/**
 * A JSON value, readable: strings as plain wrapped text (what a model sees and
 * says), everything else pretty-printed and highlighted. Long values scroll
 * inside the box instead of stretching the page.
 */
interface JsonViewProps {
  value: unknown;
  className?: string;
  empty?: string;
  maxHeight?: string;
}

export function JsonView({ value, className, empty = "No value", maxHeight = "max-h-[50vh]" }: JsonViewProps) {
  const box = cn("overflow-auto rounded-md border border-zinc-200 bg-zinc-50/70 px-3 py-2.5 font-mono text-xs leading-relaxed", maxHeight, className);
  if (value === null || value === undefined) {
    return <div className={cn(box, "font-sans text-zinc-500 italic")}>{empty}</div>;
  }
  if (typeof value === "string") {
    return <pre className={cn(box, "whitespace-pre-wrap text-zinc-800 [overflow-wrap:anywhere]")}>{value}</pre>;
  }
  // Wrap long lines rather than scroll sideways: the panels sit side by side.
  return <pre className={cn(box, "whitespace-pre-wrap text-zinc-800 [overflow-wrap:anywhere]")}>{highlight(JSON.stringify(value, null, 2))}</pre>;
}

/** A JSON value under a small uppercase label: an item's input, expected output or metadata beside the others. */
export function LabelledJson({ label, ...view }: JsonViewProps & { label: string }) {
  return (
    <div className="min-w-0">
      <p className="mb-1.5 text-[11px] font-medium tracking-wide text-zinc-500 uppercase">{label}</p>
      <JsonView {...view} />
    </div>
  );
}
