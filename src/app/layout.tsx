import type { Metadata } from "next";
import type { ReactNode } from "react";
import { TopNav } from "@/components/top-nav";
import { Toaster } from "@/components/ui/toast";
import { TRPCProvider } from "@/lib/trpc/react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Trialrun", template: "%s · Trialrun" },
  description: "Run datasets through targets, score every output, watch runs live.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <TRPCProvider>
          <TopNav />
          <main className="mx-auto max-w-[1600px] px-6 pt-7 pb-16">{children}</main>
          <Toaster />
        </TRPCProvider>
      </body>
    </html>
  );
}
