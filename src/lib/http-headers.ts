import { z } from "zod";

/** A header name as HTTP defines it (a token), at most 200 characters. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,200}$/;

// Names are checked in a refinement, not as the record's key schema: zod reports
// a bad key only as "Invalid key in record", which does not tell a user why.
const headerRecord = z.record(z.string(), z.string().max(8192, "must be at most 8192 characters")).superRefine((headers, ctx) => {
  for (const name of Object.keys(headers)) {
    if (!HEADER_NAME.test(name)) ctx.addIssue({ code: "custom", path: [name], message: `"${name}" is not a valid HTTP header name` });
  }
});

/**
 * Extra HTTP headers of a target or a scorer that calls out: name → value.
 * z.record drops a `__proto__` key without a word; it is refused here with a
 * field error instead (it is no header anyone means). Typed as the record:
 * the check only adds an issue, it changes no value.
 */
export const httpHeadersSchema = z.preprocess((value, ctx) => {
  if (value !== null && typeof value === "object" && Object.hasOwn(value, "__proto__")) {
    ctx.addIssue({ code: "custom", path: ["__proto__"], message: '"__proto__" is not allowed as a header name' });
  }
  return value;
}, headerRecord) as unknown as typeof headerRecord;
