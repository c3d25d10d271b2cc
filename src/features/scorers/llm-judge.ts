import type { z } from "zod";
import { chatCompletion, type ChatResponse, costOf } from "@/features/targets/server";
import { TargetError } from "@/features/targets";
import { renderTemplate } from "@/lib/template";
import { attemptSignal, cancelledError, sleep } from "./call-out";
import type { JudgeScale, llmJudgeScorer } from "./kinds/llm-judge";
import { snippet, stripCodeFence } from "./text";
import { ScorerError, type Scorer, type ScoreValue, type ScoringUsage } from "./types";

type JudgeConfig = z.infer<typeof llmJudgeScorer.config>;

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

async function askJudge(config: JudgeConfig, prompt: string, runSignal: AbortSignal): Promise<ChatResponse> {
  const { params } = config;
  for (let attempt = 0; ; attempt++) {
    if (runSignal.aborted) throw cancelledError();
    const { signal, timedOut } = attemptSignal(runSignal, params.timeoutMs);
    try {
      return await chatCompletion({
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

export function createLlmJudgeScorer(config: JudgeConfig): Scorer {
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
    const reply = await askJudge(config, prompt, context.signal);
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
