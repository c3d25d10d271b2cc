import { describeHttpFailure, httpCall, parseRetryAfter, type HttpReply } from "@/lib/http-call";
import { TargetError } from "./types";

/**
 * A minimal client for OpenAI-compatible chat completions (OpenAI, Ollama,
 * vLLM, LM Studio, gateways): one non-streaming POST to
 * `<baseUrl>/chat/completions`. Used by the openai-chat target and the
 * llm-judge scorer. Errors are TargetErrors classified for retries.
 */
export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface ChatRequest {
  baseUrl: string;
  apiKey?: string;
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  /** Ask for a JSON object reply (`response_format: { type: "json_object" }`). */
  jsonMode?: boolean;
  headers?: Record<string, string>;
  signal: AbortSignal;
}

export interface ChatResponse {
  content: string;
  usage: { promptTokens: number | null; completionTokens: number | null };
  finishReason: string | null;
}

function snippet(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

export function chatCompletionsUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/chat/completions`;
}

export async function chatCompletion(request: ChatRequest): Promise<ChatResponse> {
  const body: Record<string, unknown> = { model: request.model, messages: request.messages, stream: false };
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.maxTokens !== undefined) body.max_tokens = request.maxTokens;
  if (request.jsonMode) body.response_format = { type: "json_object" };

  let response: HttpReply;
  try {
    response = await httpCall(chatCompletionsUrl(request.baseUrl), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json",
        ...(request.apiKey ? { authorization: `Bearer ${request.apiKey}` } : {}),
        ...request.headers,
      },
      body: JSON.stringify(body),
      signal: request.signal,
    });
  } catch (error) {
    if (request.signal.aborted) throw new TargetError("aborted", "The request was aborted.", { cause: error });
    throw new TargetError("connection", `Could not reach the model endpoint: ${describeHttpFailure(error).detail}`, {
      transient: true,
      cause: error,
    });
  }

  const text = response.text;

  if (!response.ok) {
    let message = snippet(text);
    try {
      const parsed = JSON.parse(text) as { error?: { message?: string } | string };
      const detail = typeof parsed.error === "string" ? parsed.error : parsed.error?.message;
      if (detail) message = snippet(detail);
    } catch {
      // keep the raw snippet
    }
    throw new TargetError("http-status", `HTTP ${response.status} from the model endpoint${message ? `: ${message}` : ""}`, {
      transient: response.status === 429 || response.status === 408 || response.status >= 500,
      retryAfterMs: parseRetryAfter(response.header("retry-after")),
    });
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new TargetError("bad-response", `The model endpoint replied with invalid JSON: ${snippet(text, 120) || "(empty body)"}`);
  }
  const reply = parsed as {
    choices?: { message?: { content?: unknown }; finish_reason?: unknown }[];
    usage?: { prompt_tokens?: unknown; completion_tokens?: unknown };
  };
  const choice = reply.choices?.[0];
  if (!choice || typeof choice.message?.content !== "string") {
    throw new TargetError("bad-response", `The model endpoint's reply has no choices[0].message.content: ${snippet(text, 120)}`);
  }
  const tokens = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : null);
  return {
    content: choice.message.content,
    usage: { promptTokens: tokens(reply.usage?.prompt_tokens), completionTokens: tokens(reply.usage?.completion_tokens) },
    finishReason: typeof choice.finish_reason === "string" ? choice.finish_reason : null,
  };
}
