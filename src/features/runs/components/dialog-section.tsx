import type { ReactNode } from "react";
import { FieldError } from "@/components/ui/field";
import { SectionHeading } from "@/components/ui/section-heading";

/** A titled part of the run dialog (target, scorers, settings), with the error that belongs to it. */
export function DialogSection({
  title,
  description,
  children,
  error,
  aside,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  error?: string;
  aside?: ReactNode;
}) {
  return (
    <section className="flex flex-col gap-3 border-t border-zinc-100 pt-4 first:border-0 first:pt-0">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <SectionHeading title={title} description={description} level="h3" />
        {aside}
      </div>
      {error && <FieldError>{error}</FieldError>}
      {children}
    </section>
  );
}
