import type { Metadata } from "next";
import { TargetEditor } from "@/features/targets/components";

export const metadata: Metadata = { title: "Target" };

export default async function TargetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <TargetEditor targetId={id} />;
}
