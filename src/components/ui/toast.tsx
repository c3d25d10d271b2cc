"use client";

import { useSyncExternalStore } from "react";
import { cn } from "./cn";
import { AlertIcon, CheckIcon, XIcon } from "./icons";

interface ToastItem {
  id: number;
  tone: "error" | "success";
  message: string;
}

// A module-level store, so non-React code (the QueryClient's mutation cache)
// can raise a toast without a context.
let toasts: ToastItem[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

function dismiss(id: number) {
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}

function push(tone: ToastItem["tone"], message: string) {
  const id = nextId++;
  // Keep the last few; a burst of failures should not cover the page.
  toasts = [...toasts.slice(-3), { id, tone, message }];
  emit();
  setTimeout(() => dismiss(id), tone === "error" ? 8_000 : 3_500);
}

export const toast = {
  error: (message: string) => push("error", message),
  success: (message: string) => push("success", message),
};

const EMPTY: ToastItem[] = [];

export function Toaster() {
  const items = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => toasts,
    () => EMPTY,
  );
  return (
    <div className="pointer-events-none fixed right-4 bottom-4 z-[60] flex w-[min(380px,calc(100vw-2rem))] flex-col gap-2" aria-live="polite">
      {items.map((item) => (
        <div
          key={item.id}
          role={item.tone === "error" ? "alert" : "status"}
          data-testid={`toast-${item.tone}`}
          className={cn(
            "pointer-events-auto flex items-start gap-2.5 rounded-lg border bg-white px-3.5 py-3 text-[13px] shadow-lg animate-[pop-in_140ms_ease-out]",
            item.tone === "error" ? "border-red-200" : "border-zinc-200",
          )}
        >
          <span className={cn("mt-px", item.tone === "error" ? "text-red-600" : "text-emerald-600")}>
            {item.tone === "error" ? <AlertIcon /> : <CheckIcon />}
          </span>
          <p className="min-w-0 flex-1 break-words text-zinc-800">{item.message}</p>
          <button type="button" onClick={() => dismiss(item.id)} className="text-zinc-500 hover:text-zinc-700" aria-label="Dismiss">
            <XIcon />
          </button>
        </div>
      ))}
    </div>
  );
}
