"use client";

import { useState } from "react";
import { Select } from "@/components/ui/field";
import { api } from "@/lib/trpc/react";
import { MenuLink, PopoverMenu } from "@/components/ui/popover-menu";

const FORMATS = [
  { format: "csv", label: "CSV", hint: "spreadsheets" },
  { format: "jsonl", label: "JSONL", hint: "one item per line" },
  { format: "json", label: "JSON", hint: "one array" },
] as const;

export function exportUrl(datasetId: string, format: string, version?: number): string {
  const params = new URLSearchParams({ format });
  if (version !== undefined) params.set("version", String(version));
  return `/api/datasets/${encodeURIComponent(datasetId)}/export?${params.toString()}`;
}

/** Download the dataset at the current version or a past one. Plain links: the browser streams the file. */
export function ExportMenu({ datasetId, currentVersion }: { datasetId: string; currentVersion: number }) {
  const [version, setVersion] = useState<number | "current">("current");
  const versions = api.datasets.versions.useQuery({ id: datasetId }, { staleTime: 30_000 });
  return (
    <PopoverMenu label="Export" menuLabel="Export dataset" data-testid="export-menu">
      {(close) => (
        <div className="flex flex-col gap-1">
          <label className="flex items-center justify-between gap-2 px-2.5 pt-1 pb-1.5 text-xs text-zinc-500">
            Version
            <Select
              aria-label="Export version"
              className="h-7 w-36 text-xs"
              value={String(version)}
              onChange={(e) => setVersion(e.target.value === "current" ? "current" : Number(e.target.value))}
            >
              <option value="current">Current (v{currentVersion})</option>
              {(versions.data ?? [])
                .filter((v) => v.version !== currentVersion)
                .map((v) => (
                  <option key={v.version} value={v.version}>
                    v{v.version}
                  </option>
                ))}
            </Select>
          </label>
          <div className="border-t border-zinc-100 pt-1">
            {FORMATS.map((f) => (
              <MenuLink
                key={f.format}
                href={exportUrl(datasetId, f.format, version === "current" ? undefined : version)}
                download
                onSelect={close}
                hint={f.hint}
              >
                Download {f.label}
              </MenuLink>
            ))}
          </div>
        </div>
      )}
    </PopoverMenu>
  );
}
