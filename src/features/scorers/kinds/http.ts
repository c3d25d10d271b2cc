import { z } from "zod";
import { httpHeadersSchema } from "@/lib/http-headers";
import { defineScorerKind, httpUrlSchema, timeoutMsSchema } from "../kind";

export const httpScorer = defineScorerKind({
  type: "http",
  label: "Remote scorer (HTTP)",
  description: "Your own service scores each output: POST JSON, reply {score, reason}.",
  defaultThreshold: 0.5,
  group: "Model & custom code",
  callsOut: true,
  secretFields: [["params", "headers", "*"]],
  urlField: "url",
  params: z.object({
    /** Receives POST {input, output, expectedOutput, metadata}; answers {score: 0..1, reason?}. */
    url: httpUrlSchema,
    /** Secret: every value is masked when shown and may be encrypted at rest. */
    headers: httpHeadersSchema.default({}),
    timeoutMs: timeoutMsSchema(30_000),
  }),
});
