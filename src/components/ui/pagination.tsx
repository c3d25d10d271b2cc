import { Button } from "./button";
import { ChevronLeftIcon, ChevronRightIcon } from "./icons";

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** "1–25 of 312 runs": the rows of a page, 1-based like the API's pages. */
export function PageRange({ page, pageSize, total, noun, ...rest }: { page: number; pageSize: number; total: number; noun: string; "data-testid"?: string }) {
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <span className="tabular-nums" {...rest}>
      {from.toLocaleString()}–{to.toLocaleString()} of {total.toLocaleString()} {noun}
    </span>
  );
}

/** Previous and next page, disabled at the ends. */
export function PageSteps({ page, pages, onPageChange }: { page: number; pages: number; onPageChange: (page: number) => void }) {
  return (
    <>
      <Button size="sm" variant="secondary" aria-label="Previous page" disabled={page <= 1} onClick={() => onPageChange(page - 1)}>
        <ChevronLeftIcon width={14} height={14} />
      </Button>
      <Button size="sm" variant="secondary" aria-label="Next page" disabled={page >= pages} onClick={() => onPageChange(page + 1)}>
        <ChevronRightIcon width={14} height={14} />
      </Button>
    </>
  );
}

/** "1–25 of 312" with previous/next; pages are 1-based like the API's. */
export function Pagination({
  page,
  pageSize,
  total,
  onPageChange,
  noun = "rows",
}: {
  page: number;
  pageSize: number;
  total: number;
  onPageChange: (page: number) => void;
  noun?: string;
}) {
  const pages = pageCount(total, pageSize);
  return (
    <div className="flex items-center justify-between border-t border-zinc-200 bg-zinc-50/50 px-3 py-2 text-xs text-zinc-500" data-testid="pagination">
      <PageRange page={page} pageSize={pageSize} total={total} noun={noun} />
      <div className="flex items-center gap-1.5">
        <span className="mr-1 tabular-nums">
          Page {page} of {pages}
        </span>
        <PageSteps page={page} pages={pages} onPageChange={onPageChange} />
      </div>
    </div>
  );
}
