import type { Metadata } from "next";
import { TargetsPage } from "@/features/targets/components/targets-page";

export const metadata: Metadata = { title: "Targets" };

export default function Targets() {
  return <TargetsPage />;
}
