import type { Metadata } from "next";
import { SettingsPage } from "@/features/auth/components";

export const metadata: Metadata = { title: "Settings" };

export default function Settings() {
  return <SettingsPage />;
}
