"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { ChevronLeftIcon, ChevronRightIcon } from "@/components/ui/icons";
import { pageCount, PageRange, PageSteps } from "@/components/ui/pagination";

export const PAGE_SIZES = [50, 100, 200] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

/**
 * The results footer: "1–50 of 100,000", rows per page, first/previous/next/last
 * and a page number box (a 100k-result run has 2,000 pages of 50: nobody
 * clicks "next" to reach the middle).
 */
export function ResultsPager({
  page,
  pageSize,
  total,
  onPageChange,
  onPageSizeChange,
}: {
  page: number;
  pageSize: PageSize;
  total: number;
  onPageChange: (page: number) => void;
  onPageSizeChange: (size: PageSize) => void;
}) {
  const pages = pageCount(total, pageSize);
  const [draft, setDraft] = useState<string | null>(null);

  function jump(event: FormEvent) {
    event.preventDefault();
    const wanted = Math.trunc(Number(draft));
    if (draft !== null && Number.isFinite(wanted) && draft.trim() !== "") onPageChange(Math.min(pages, Math.max(1, wanted)));
    setDraft(null);
  }

  return (
    <div
      className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 border-t border-zinc-200 bg-zinc-50/50 px-3 py-2 text-xs text-zinc-500"
      data-testid="pagination"
    >
      <div className="flex items-center gap-4">
        <PageRange page={page} pageSize={pageSize} total={total} noun="results" data-testid="pagination-range" />
        <label className="flex items-center gap-1.5 whitespace-nowrap">
          Rows per page
          {/* Field controls are w-full: the wrapper sets the width. */}
          <span className="w-[5.5rem]">
            <Select
              aria-label="Rows per page"
              className="h-7 text-xs"
              value={pageSize}
              onChange={(e) => onPageSizeChange(Number(e.target.value) as PageSize)}
              data-testid="page-size"
            >
              {PAGE_SIZES.map((size) => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
            </Select>
          </span>
        </label>
      </div>
      <div className="flex items-center gap-1.5">
        <form onSubmit={jump} className="mr-1 flex items-center gap-1.5 tabular-nums" aria-label="Jump to page">
          Page
          <span className="w-16">
            <Input
              aria-label="Page number"
              inputMode="numeric"
              className="h-7 px-1.5 text-center text-xs tabular-nums"
              value={draft ?? String(page)}
              onChange={(e) => setDraft(e.target.value.replace(/[^\d]/g, ""))}
              onFocus={(e) => e.target.select()}
              onBlur={() => setDraft(null)}
              data-testid="page-input"
            />
          </span>
          <span className="whitespace-nowrap" data-testid="page-count">
            of {pages.toLocaleString()}
          </span>
        </form>
        <Button size="sm" variant="secondary" aria-label="First page" title="First page" disabled={page <= 1} onClick={() => onPageChange(1)}>
          <span aria-hidden="true" className="-mx-0.5 flex">
            <ChevronLeftIcon width={12} height={12} />
            <ChevronLeftIcon width={12} height={12} className="-ml-2" />
          </span>
        </Button>
        <PageSteps page={page} pages={pages} onPageChange={onPageChange} />
        <Button size="sm" variant="secondary" aria-label="Last page" title="Last page" disabled={page >= pages} onClick={() => onPageChange(pages)}>
          <span aria-hidden="true" className="-mx-0.5 flex">
            <ChevronRightIcon width={12} height={12} />
            <ChevronRightIcon width={12} height={12} className="-ml-2" />
          </span>
        </Button>
      </div>
    </div>
  );
}
