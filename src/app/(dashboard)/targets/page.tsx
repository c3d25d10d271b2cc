import type { Metadata } from "next";
import { TargetsPage } from "@/features/targets/components";

export const metadata: Metadata = { title: "Targets" };

export default function Targets() {
  return <TargetsPage />;
}
