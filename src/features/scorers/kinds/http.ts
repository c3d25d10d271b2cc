import { z } from "zod";
import type { HttpReply } from "@/lib/http-call";
import { describeHttpFailure } from "@/lib/http-call-helpers";
import { httpHeadersSchema } from "@/lib/http-headers";
import { attemptSignal, cancelledError } from "../call-out";
import { defineScorerKind, httpUrlSchema, timeoutMsSchema, type ScorerConfigOf, type ScorerIo } from "../kind";
import { snippet } from "../text";
import { ScorerError, type Scorer } from "../types";

const params = z.object({
  /** Receives POST {input, output, expectedOutput, metadata}; answers {score: 0..1, reason?}. */
  url: httpUrlSchema,
  /** Secret: every value is masked when shown and may be encrypted at rest. */
  headers: httpHeadersSchema.default({}),
  timeoutMs: timeoutMsSchema(30_000),
});

/**
 * A scorer written in any language, behind HTTP: we POST
 * `{input, output, expectedOutput, metadata}` and read back `{score, reason?}`
 * (or `{error}` when it cannot score the item). Anything else is an error on
 * this score, with the status or an excerpt of the body.
 */
function createHttpScorer(config: ScorerConfigOf<typeof params>, io: ScorerIo): Scorer {
  const { url, headers, timeoutMs } = config.params;
  return async (context) => {
    if (context.signal.aborted) throw cancelledError();
    const { signal, timedOut } = attemptSignal(context.signal, timeoutMs);
    const fail = (error: unknown): never => {
      if (context.signal.aborted) throw cancelledError();
      if (timedOut()) throw new ScorerError(`The scoring service did not reply within ${timeoutMs} ms.`);
      throw new ScorerError(`Could not reach the scoring service: ${describeHttpFailure(error).detail}`);
    };

    let response: HttpReply;
    try {
      response = await io.httpCall(url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json", ...headers },
        body: JSON.stringify({ input: context.input, output: context.output, expectedOutput: context.expectedOutput, metadata: context.metadata }),
        signal,
      });
    } catch (error) {
      return fail(error);
    }

    const text = response.text;
    if (!response.ok) throw new ScorerError(`HTTP ${response.status} from the scoring service${text.trim() ? `: ${snippet(text, 200)}` : ""}`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new ScorerError(`The scoring service replied with invalid JSON: ${snippet(text) || "(empty body)"}`);
    }
    if (body === null || typeof body !== "object" || Array.isArray(body)) {
      throw new ScorerError(`The scoring service must reply with a JSON object {"score", "reason"}; it sent ${snippet(text, 60)}`);
    }
    const { score, reason, error } = body as { score?: unknown; reason?: unknown; error?: unknown };
    if (score === undefined && typeof error === "string" && error.trim() !== "")
      throw new ScorerError(`The scoring service could not score this output: ${snippet(error, 300)}`);
    if (typeof score !== "number" || !Number.isFinite(score) || score < 0 || score > 1) {
      throw new ScorerError(`The scoring service returned score ${snippet(JSON.stringify(score) ?? "undefined", 60)}; expected a number from 0 to 1.`);
    }
    return { score, reason: typeof reason === "string" ? reason : reason === undefined || reason === null ? undefined : snippet(JSON.stringify(reason), 500) };
  };
}

export const httpScorer = defineScorerKind({
  type: "http",
  label: "Remote scorer (HTTP)",
  description: "Your own service scores each output: POST JSON, reply {score, reason}.",
  defaultThreshold: 0.5,
  group: "Model & custom code",
  callsOut: true,
  secretFields: [["params", "headers", "*"]],
  urlField: "url",
  params,
  form: [
    {
      grid: "grid-cols-[minmax(0,1fr)_9rem]",
      row: [
        {
          control: "text",
          key: "url",
          label: "Scorer URL",
          hint: "Receives POST { input, output, expectedOutput, metadata }; replies { score: 0–1, reason? }.",
          placeholder: "https://scorer.internal/score",
          mono: true,
          trim: true,
        },
        { control: "number", key: "timeoutMs", label: "Timeout (ms)", placeholder: "30000" },
      ],
    },
    { control: "headers", key: "headers" },
  ],
  create: createHttpScorer,
});
