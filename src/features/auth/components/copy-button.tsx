"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { CheckIcon } from "@/components/ui/icons";

/** Copies `value`; says "Copied" for a moment. Falls back to selecting text where the clipboard API is unavailable (plain http). */
export function CopyButton({
  value,
  label = "Copy",
  onCopied,
  variant = "secondary",
}: {
  value: string;
  label?: string;
  onCopied?: () => void;
  variant?: "primary" | "secondary";
}) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // Insecure origin (http on a LAN address): the old way still works there.
      const area = document.createElement("textarea");
      area.value = value;
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    setCopied(true);
    onCopied?.();
  }

  return (
    <Button variant={variant} size="sm" onClick={() => void copy()} data-testid="copy-button" aria-live="polite">
      {copied ? (
        <>
          <CheckIcon width={12} height={12} /> Copied
        </>
      ) : (
        label
      )}
    </Button>
  );
}
