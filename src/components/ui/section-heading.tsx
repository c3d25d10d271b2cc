import type { ReactNode } from "react";

/** A section's title and the sentence under it, as cards, panels and dialog sections show them. */
export function SectionHeading({ title, description, level = "h2" }: { title: ReactNode; description?: ReactNode; level?: "h2" | "h3" }) {
  const Heading = level;
  return (
    <div>
      <Heading className="text-[13px] font-semibold text-zinc-900">{title}</Heading>
      {description && <p className="mt-0.5 text-xs text-zinc-500">{description}</p>}
    </div>
  );
}
