import { z } from "zod";
import { costOf, OPENAI_BASE_URL_PRESETS, openAiChatTargetConfig, TargetError } from "@/features/targets";
import type { ChatResponse } from "@/features/targets/server";
import { templatePlaceholders, renderTemplate } from "@/lib/template";
import { attemptSignal, cancelledError, sleep } from "../call-out";
import { defineScorerKind, httpUrlSchema, timeoutMsSchema, type ScorerConfigOf, type ScorerIo } from "../kind";
import { snippet, stripCodeFence } from "../text";
import { ScorerError, type Scorer, type ScoreValue, type ScoringUsage } from "../types";

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

const params = z
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
  });

type JudgeConfig = ScorerConfigOf<typeof params>;

const SCALE_BOUNDS: Record<JudgeScale, [number, number]> = {
  "0-1": [0, 1],
  "1-5": [1, 5],
  "0-10": [0, 10],
  "1-10": [1, 10],
  "0-100": [0, 100],
};

/** Longest Retry-After we sit through; a longer one fails the score rather than stall the item. */
const MAX_RETRY_WAIT_MS = 30_000;

function systemPrompt(scale: JudgeScale): string {
  const [min, max] = SCALE_BOUNDS[scale];
  return [
    "You are a strict, fair evaluator. Grade the response as the user's instructions describe.",
    `Reply with only a JSON object: {"score": <number from ${min} (worst) to ${max} (best)>, "reason": "<one or two sentences>"}.`,
  ].join("\n");
}

const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

function parseLoose(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Case-insensitive own key lookup: models write "Score" as often as "score". */
function field(object: Record<string, unknown>, ...names: string[]): unknown {
  for (const name of names) {
    const key = Object.keys(object).find((k) => k.toLowerCase() === name);
    if (key !== undefined) return object[key];
  }
  return undefined;
}

/**
 * Reads the judge's reply, forgiving what models commonly get wrong: a code
 * fence around the JSON, prose around the object, the score as a string or a
 * bare number, no reason. The score is converted from the declared scale.
 */
export function parseJudgeReply(content: string, scale: JudgeScale): ScoreValue {
  const text = stripCodeFence(content);
  let parsed = parseLoose(text);
  if (!parsed.ok) {
    const start = text.indexOf("{");
    const end = text.lastIndexOf("}");
    if (start !== -1 && end > start) parsed = parseLoose(text.slice(start, end + 1));
  }
  if (!parsed.ok) throw new ScorerError(`judge reply is not valid JSON: ${snippet(content) || "(empty reply)"}`);

  let raw: unknown = parsed.value;
  let reason: string | undefined;
  if (raw !== null && typeof raw === "object" && !Array.isArray(raw)) {
    const object = raw as Record<string, unknown>;
    raw = field(object, "score");
    if (raw === undefined) throw new ScorerError(`judge reply has no "score": ${snippet(content)}`);
    const said = field(object, "reason", "explanation", "reasoning");
    if (typeof said === "string" && said.trim() !== "") reason = said.trim();
  }

  const [min, max] = SCALE_BOUNDS[scale];
  let score: number;
  if (typeof raw === "number") score = raw;
  else if (typeof raw === "string" && NUMERIC.test(raw.trim())) score = Number(raw.trim());
  else if (typeof raw === "boolean") score = raw ? max : min;
  else throw new ScorerError(`judge score is not a number: ${snippet(JSON.stringify(raw) ?? String(raw), 60)}`);

  if (!Number.isFinite(score) || score < min || score > max) {
    throw new ScorerError(
      `judge score ${score} is outside the declared ${scale} scale${scale === "0-1" && score > 1 ? " (set params.scale if the judge scores out of 5, 10 or 100)" : ""}.`,
    );
  }
  return { score: (score - min) / (max - min), reason };
}

async function askJudge(config: JudgeConfig, io: ScorerIo, prompt: string, runSignal: AbortSignal): Promise<ChatResponse> {
  const { params } = config;
  for (let attempt = 0; ; attempt++) {
    if (runSignal.aborted) throw cancelledError();
    const { signal, timedOut } = attemptSignal(runSignal, params.timeoutMs);
    try {
      return await io.chatCompletion({
        baseUrl: params.baseUrl,
        apiKey: params.apiKey || undefined,
        model: params.model,
        messages: [
          { role: "system", content: systemPrompt(params.scale) },
          { role: "user", content: prompt },
        ],
        temperature: params.temperature,
        maxTokens: params.maxTokens,
        jsonMode: params.jsonMode,
        signal,
      });
    } catch (error) {
      if (runSignal.aborted) throw cancelledError();
      if (timedOut()) throw new ScorerError(`The judge did not reply within ${params.timeoutMs} ms.`);
      if (!(error instanceof TargetError)) throw error;
      const wait = error.retryAfterMs ?? 500 * 2 ** attempt;
      if (!error.transient || attempt >= params.retries || wait > MAX_RETRY_WAIT_MS) {
        throw new ScorerError(`LLM judge: ${error.message}${attempt > 0 ? ` (after ${attempt + 1} attempts)` : ""}`);
      }
      await sleep(wait, runSignal);
    }
  }
}

function createLlmJudgeScorer(config: JudgeConfig, io: ScorerIo): Scorer {
  return async (context) => {
    let prompt: string;
    try {
      prompt = renderTemplate(config.params.rubric, {
        input: context.input,
        output: context.output,
        expectedOutput: context.expectedOutput,
        metadata: context.metadata,
      });
    } catch (error) {
      throw new ScorerError(error instanceof Error ? error.message : String(error));
    }
    const reply = await askJudge(config, io, prompt, context.signal);
    // Counted in the run's scoring totals, whether or not the reply can be read.
    const usage: ScoringUsage = { ...reply.usage, costUsd: costOf(reply.usage, config.params.pricing) };
    if (reply.finishReason === "length" && reply.content.trim() === "") {
      throw new ScorerError("The judge's reply was cut off before it said anything (finish_reason: length); raise params.maxTokens.", usage);
    }
    try {
      return { ...parseJudgeReply(reply.content, config.params.scale), usage };
    } catch (error) {
      if (error instanceof ScorerError) throw new ScorerError(error.message, usage);
      throw error;
    }
  };
}

export const llmJudgeScorer = defineScorerKind({
  type: "llm-judge",
  label: "LLM judge",
  description: "An OpenAI-compatible model grades the output against your rubric.",
  defaultThreshold: 0.5,
  group: "Model & custom code",
  callsOut: true,
  secretFields: [["params", "apiKey"]],
  urlField: "baseUrl",
  params,
  form: [
    {
      control: "text",
      key: "baseUrl",
      label: "Judge base URL",
      initial: "https://api.openai.com/v1",
      mono: true,
      trim: true,
      presets: { items: OPENAI_BASE_URL_PRESETS },
    },
    {
      grid: "grid-cols-2",
      row: [
        {
          control: "secret",
          key: "apiKey",
          label: "Judge API key",
          hint: "Secret: masked everywhere after the run starts.",
          placeholder: "sk-… (empty for local servers)",
        },
        { control: "text", key: "model", label: "Judge model", initial: "gpt-4o-mini", mono: true },
      ],
    },
    {
      control: "textarea",
      key: "rubric",
      label: "Rubric",
      hint: "Must include {{output}}; may use {{input}}, {{expectedOutput}}, {{metadata.x}}. The judge replies with a score on the scale below.",
      rows: 6,
      code: true,
      initial: DEFAULT_JUDGE_RUBRIC,
    },
    {
      grid: "grid-cols-2",
      row: [
        { control: "select", key: "scale", label: "Scale", hint: "Converted to 0–1.", options: JUDGE_SCALES },
        { control: "number", key: "temperature", label: "Temperature", hint: "Default 0: repeatable grades.", placeholder: "0" },
      ],
    },
  ],
  create: createLlmJudgeScorer,
});
