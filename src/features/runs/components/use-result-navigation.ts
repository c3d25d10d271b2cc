"use client";

import { useCallback, useEffect, useState, type KeyboardEvent as ReactKeyboardEvent, type RefObject } from "react";
import type { Virtualizer } from "@tanstack/react-virtual";

/** Focus stays in text boxes: j/k there are letters, arrows move the caret. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT";
}

type PendingSelect = { edge: "first" | "last"; open: boolean };

/**
 * Moving through a page of results by keyboard and opening one: the active row (a roving tab stop), the open
 * result, j/k anywhere on the page, arrows/Home/End/Enter on a row, and next/previous crossing into the
 * neighbouring page (its first or last row is selected once it has loaded).
 */
export function useResultNavigation<Row extends { id: string }>({
  rows,
  page,
  pages,
  setPage,
  loadedPage,
  virtual,
  virtualizer,
  scrollRef,
  sectionRef,
}: {
  rows: Row[];
  page: number;
  pages: number;
  setPage: (page: number) => void;
  /** The page whose rows are shown, once they are the answer for it (null while a page loads). */
  loadedPage: number | null;
  virtual: boolean;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  scrollRef: RefObject<HTMLDivElement | null>;
  sectionRef: RefObject<HTMLElement | null>;
}) {
  const [openId, setOpenId] = useState<string | null>(null);
  const [activeIndex, setActiveIndex] = useState<number | null>(null);
  /** Set when next/previous crossed a page edge: select that edge of the new page once it arrives. */
  const [pendingSelect, setPendingSelect] = useState<PendingSelect | null>(null);

  /** Bring row `index` into view and give it focus (rendering it first when virtualised). */
  const focusRow = useCallback(
    (index: number) => {
      const container = scrollRef.current;
      if (!container) return;
      if (virtual) virtualizer.scrollToIndex(index, { align: "auto" });
      requestAnimationFrame(() => {
        const row = container.querySelector<HTMLElement>(`[data-row-index="${index}"]`);
        row?.focus({ preventScroll: virtual });
        if (!virtual) row?.scrollIntoView({ block: "nearest" });
      });
    },
    [virtual, virtualizer],
  );

  const select = useCallback(
    (index: number, open: boolean) => {
      const row = rows[index];
      if (!row) return;
      setActiveIndex(index);
      if (open) {
        setOpenId(row.id);
        if (virtual) virtualizer.scrollToIndex(index, { align: "auto" });
      } else {
        focusRow(index);
      }
    },
    [rows, virtual, virtualizer, focusRow],
  );

  const openIndex = openId ? rows.findIndex((r) => r.id === openId) : -1;
  const currentIndex = openIndex >= 0 ? openIndex : activeIndex;

  /** Next / previous result, crossing into the neighbouring page at either end. */
  const step = useCallback(
    (delta: 1 | -1, open: boolean) => {
      const from = currentIndex ?? (delta > 0 ? -1 : rows.length);
      const next = from + delta;
      if (next >= 0 && next < rows.length) return select(next, open);
      if (delta > 0 && page < pages) {
        setPendingSelect({ edge: "first", open });
        setPage(page + 1);
      } else if (delta < 0 && page > 1) {
        setPendingSelect({ edge: "last", open });
        setPage(page - 1);
      }
    },
    [currentIndex, rows.length, select, page, pages, setPage],
  );

  // The neighbouring page has arrived: select its first or last row.
  useEffect(() => {
    if (!pendingSelect || loadedPage !== page) return;
    setPendingSelect(null);
    select(pendingSelect.edge === "first" ? 0 : rows.length - 1, pendingSelect.open);
  }, [pendingSelect, loadedPage, page, rows.length, select]);

  // j/k anywhere on the page (not while typing); in the open drawer they move to the next/previous result.
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey || isTyping(event.target)) return;
      if (event.key !== "j" && event.key !== "k") return;
      const inSection = event.target instanceof Node && sectionRef.current?.contains(event.target);
      // Another dialog (compare, retry) is open: its keys are its own.
      if (!openId && !inSection && event.target !== document.body) return;
      event.preventDefault();
      step(event.key === "j" ? 1 : -1, openId !== null);
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [openId, step]);

  function onRowKeyDown(event: ReactKeyboardEvent<HTMLTableRowElement>, index: number) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      step(event.key === "ArrowDown" ? 1 : -1, false);
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      select(index, true);
    } else if (event.key === "Home" || event.key === "End") {
      event.preventDefault();
      select(event.key === "Home" ? 0 : rows.length - 1, false);
    }
  }

  return { openId, setOpenId, activeIndex, setActiveIndex, openIndex, currentIndex, focusRow, select, step, onRowKeyDown };
}
