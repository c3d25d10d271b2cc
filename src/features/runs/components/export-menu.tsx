"use client";

import { DownloadIcon } from "@/components/ui/icons";
import { MenuLink, PopoverMenu } from "@/components/ui/popover-menu";

const FORMATS = [
  { format: "csv", label: "CSV", hint: "one row per result, a column per score" },
  { format: "json", label: "JSON", hint: "one array, scores nested" },
  { format: "jsonl", label: "JSONL", hint: "one result per line, streams well" },
] as const;

/**
 * "Export ▾": plain links to the streaming export endpoint, so the browser
 * downloads the file itself (no 100k-result blob held in page memory).
 */
export function ExportMenu({ runId }: { runId: string }) {
  return (
    <PopoverMenu
      label={
        <>
          <DownloadIcon /> Export
        </>
      }
      menuLabel="Export results"
      buttonProps={{ variant: "secondary", "data-testid": "export-menu" }}
    >
      {(close) =>
        FORMATS.map((f) => (
          <MenuLink
            key={f.format}
            href={`/api/runs/${runId}/export?format=${f.format}`}
            download
            onSelect={close}
            hint={f.hint}
            stacked
            data-testid={`export-${f.format}`}
          >
            {f.label}
          </MenuLink>
        ))
      }
    </PopoverMenu>
  );
}
