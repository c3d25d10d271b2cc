import type { HeaderRow } from "@/components/kind-form/fields";
import { setOwn } from "@/lib/json-path";
import type { FieldErrors } from "@/lib/trpc/errors";
import { SECRET_MASK } from "../schemas";

/**
 * Inputs the target and scorer forms share: header rows and number boxes,
 * kept as typed and read into a config on submit.
 */

let localId = 0;
/** Keys for rows that exist only in the form (headers, scorers). */
export const nextDraftId = () => `d${++localId}`;

export type { HeaderRow };

/** Rows for a saved config's (masked) headers. */
export function headerRows(headers: Record<string, string> | undefined): HeaderRow[] {
  return Object.entries(headers ?? {}).map(([name, value]) => ({ id: nextDraftId(), name, value, storedName: value === SECRET_MASK ? name : null }));
}

/** Reads number boxes: empty means "not set" (the schema's default); anything else must be a number. */
export function numberReader(errors: FieldErrors, prefix = "") {
  return (path: string, raw: string): number | undefined => {
    const trimmed = raw.trim();
    if (trimmed === "") return undefined;
    const value = Number(trimmed);
    if (!Number.isFinite(value)) errors[prefix + path] = "must be a number";
    return value;
  };
}

/**
 * Header rows to a record. Problems go under `<path>.<row index>` so the
 * editor can put them next to the row; blank rows are dropped. Every name is
 * an own key (setOwn), so `constructor` is a header like any other; a
 * `__proto__` header is refused next to its row, as the server would refuse it
 * (an assignment would set the record's prototype and drop the header).
 */
export function headersFromRows(rows: HeaderRow[], errors: FieldErrors, path: string): Record<string, string> {
  const headers: Record<string, string> = {};
  rows.forEach((row, index) => {
    const name = row.name.trim();
    if (!name && !row.value) return;
    if (!name) errors[`${path}.${index}`] = "Header name is required";
    else if (name === "__proto__") errors[`${path}.${index}`] = '"__proto__" is not allowed as a header name';
    else if (Object.hasOwn(headers, name)) errors[`${path}.${index}`] = `Header "${name}" is set twice`;
    else if (row.value === SECRET_MASK && row.storedName !== name)
      errors[`${path}.${index}`] = row.storedName ? `Type the value again: the stored value belongs to "${row.storedName}"` : "Type the header's value";
    else setOwn(headers, name, row.value);
  });
  return headers;
}
