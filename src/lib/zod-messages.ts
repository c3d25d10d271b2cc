import { z } from "zod";

/**
 * Plain words for zod's own messages, where a schema gives none of its own
 * (a schema's message always wins): "must be at most 200" rather than "Too
 * big: expected int to be <=9007199254740991". Imported once on the server
 * (src/server/trpc.ts) and in the browser (src/lib/trpc/react.tsx): forms and
 * API errors read the same.
 */
const plural = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;

export function plainMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "int" && max >= Number.MAX_SAFE_INTEGER) return "is too large a number";
      if (issue.origin === "string") return `must be at most ${plural(max, "character")}`;
      if (issue.origin === "array") return `must have at most ${plural(max, "entry").replace("entrys", "entries")}`;
      if (issue.origin === "number" || issue.origin === "int") return issue.inclusive === false ? `must be less than ${max}` : `must be at most ${max}`;
      return undefined;
    }
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "int" && min <= Number.MIN_SAFE_INTEGER) return "is too small a number";
      if (issue.origin === "string") return min === 1 ? "is required" : `must be at least ${plural(min, "character")}`;
      if (issue.origin === "array") return `must have at least ${plural(min, "entry").replace("entrys", "entries")}`;
      if (issue.origin === "number" || issue.origin === "int") return issue.inclusive === false ? `must be more than ${min}` : `must be at least ${min}`;
      return undefined;
    }
    case "invalid_type":
      if (issue.expected === "int") return "must be a whole number";
      if (issue.expected === "number") return "must be a number";
      if (issue.expected === "string") return "must be text";
      if (issue.expected === "boolean") return "must be true or false";
      return undefined;
    default:
      return undefined;
  }
}

z.config({ customError: plainMessage });
