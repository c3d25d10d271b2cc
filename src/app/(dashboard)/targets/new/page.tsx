import type { Metadata } from "next";
import { TargetEditor } from "@/features/targets/components";

export const metadata: Metadata = { title: "New target" };

export default function NewTarget() {
  return <TargetEditor targetId={null} />;
}
