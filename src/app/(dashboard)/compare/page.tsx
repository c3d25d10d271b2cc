import type { Metadata } from "next";
import { Suspense } from "react";
import { ComparePage } from "@/features/compare/components";

export const metadata: Metadata = { title: "Compare runs" };

// The page reads its runs from the address (?dataset=&baseline=&candidate=).
export default function Compare() {
  return (
    <Suspense>
      <ComparePage />
    </Suspense>
  );
}
