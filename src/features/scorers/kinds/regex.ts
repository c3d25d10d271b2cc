import { z } from "zod";
import { ALLOWED_FLAGS_MESSAGE, compileSafeRegex } from "@/lib/safe-regex";
import { defineScorerKind } from "../kind";

export const regexScorer = defineScorerKind({
  type: "regex",
  label: "Regex",
  description: "1 when the output matches a pattern (or, optionally, when it does not). Linear-time engine.",
  defaultThreshold: 1,
  group: "Text",
  params: z
    .object({
      /** JavaScript-style pattern, run on RE2: no lookaround, no backreferences. */
      pattern: z.string({ error: "is required" }).min(1, "is required").max(2000, "must be at most 2000 characters"),
      flags: z
        .string()
        .max(10)
        .regex(/^[a-z]*$/, `must be letters; flags ${ALLOWED_FLAGS_MESSAGE}`)
        .default(""),
      /** Score 1 when the pattern does NOT match (e.g. a banned phrase). */
      mustNotMatch: z.boolean().default(false),
      /** Only the first this many characters of the output are scanned. */
      maxOutputChars: z.number().int().min(1).max(10_000_000, "must be at most 10000000").default(100_000),
    })
    .superRefine((params, ctx) => {
      const compiled = compileSafeRegex(params.pattern, params.flags);
      if (!compiled.ok)
        ctx.addIssue({ code: "custom", path: compiled.message.startsWith("Unknown flag") ? ["flags"] : ["pattern"], message: compiled.message });
    }),
});
