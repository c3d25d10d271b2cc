import { z } from "zod";
import { openAiChatTargetConfig } from "@/features/targets";
import { templatePlaceholders } from "@/lib/template";
import { defineScorerKind, httpUrlSchema, timeoutMsSchema } from "../kind";

export const JUDGE_SCALES = ["0-1", "1-5", "0-10", "1-10", "0-100"] as const;
export type JudgeScale = (typeof JUDGE_SCALES)[number];

const TEMPLATE_ROOTS = new Set(["input", "output", "expectedOutput", "metadata"]);

export const DEFAULT_JUDGE_RUBRIC = [
  "Grade how well the response answers the question, compared with the reference answer.",
  "Full marks for a correct and complete answer; none for a wrong or missing one.",
  "",
  "Question: {{input}}",
  "Reference answer: {{expectedOutput}}",
  "Response: {{output}}",
].join("\n");

export const llmJudgeScorer = defineScorerKind({
  type: "llm-judge",
  label: "LLM judge",
  description: "An OpenAI-compatible model grades the output against your rubric.",
  defaultThreshold: 0.5,
  group: "Model & custom code",
  callsOut: true,
  secretFields: [["params", "apiKey"]],
  urlField: "baseUrl",
  params: z
    .object({
      /** e.g. https://api.openai.com/v1 or http://localhost:11434/v1 */
      baseUrl: httpUrlSchema,
      /** Secret. Empty for local servers that need none. */
      apiKey: z.string().max(500, "must be at most 500 characters").default(""),
      model: z.string({ error: "is required" }).trim().min(1, "is required").max(200),
      /** The grading prompt: {{input}}, {{output}}, {{expectedOutput}}, {{metadata.x}}. */
      rubric: z.string().min(1, "is required").max(50_000, "must be at most 50000 characters").default(DEFAULT_JUDGE_RUBRIC),
      temperature: z.number().min(0, "must be between 0 and 2").max(2, "must be between 0 and 2").default(0),
      maxTokens: z.number().int().min(1).max(100_000).optional(),
      /** Ask for `response_format: json_object`; turn off for servers that reject it. */
      jsonMode: z.boolean().default(true),
      /** The scale the judge is told to score on; converted to 0..1. */
      scale: z.enum(JUDGE_SCALES, { error: `must be one of ${JUDGE_SCALES.join(", ")}` }).default("0-1"),
      /** Per attempt. */
      timeoutMs: timeoutMsSchema(60_000),
      /** Extra attempts on rate limits (honouring Retry-After), 5xx and dropped connections. */
      retries: z.number().int().min(0).max(5).default(2),
      /** USD per 1,000 tokens, to count what judging costs (shown apart from the target's cost). */
      pricing: openAiChatTargetConfig.shape.pricing,
    })
    .superRefine((params, ctx) => {
      const placeholders = templatePlaceholders(params.rubric);
      for (const path of placeholders) {
        const root = path.split(".")[0]!;
        if (!TEMPLATE_ROOTS.has(root)) {
          ctx.addIssue({
            code: "custom",
            path: ["rubric"],
            message: `{{${path}}} is unknown: use {{input}}, {{output}}, {{expectedOutput}} or {{metadata}} (and their fields)`,
          });
          return;
        }
      }
      if (!placeholders.some((path) => path === "output" || path.startsWith("output."))) {
        ctx.addIssue({ code: "custom", path: ["rubric"], message: "must include {{output}}, or the judge never sees what it grades" });
      }
    }),
});
