import type { Metadata } from "next";
import { Suspense } from "react";
import { RunsPage } from "@/features/runs/components";

export const metadata: Metadata = { title: "Runs" };

// The list reads its filters from the address (?status=&dataset=&sort=&page=).
export default function Runs() {
  return (
    <Suspense>
      <RunsPage />
    </Suspense>
  );
}
