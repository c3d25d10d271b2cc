import type { z } from "zod";
import type { JsonValue } from "@/lib/json";
import { describeHttpFailure, httpCall, type HttpReply } from "@/lib/http-call";
import { readPath } from "@/lib/json-path";
import type { httpTargetConfig } from "./kinds/http";
import { renderJsonTemplate } from "@/lib/template";
import { TargetError, type Target, type TargetRequest } from "./types";

type HttpConfig = z.infer<typeof httpTargetConfig>;

const MAX_RESPONSE_CHARS = 1_000_000;
const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "EPIPE", "ETIMEDOUT", "UND_ERR_SOCKET", "UND_ERR_CONNECT_TIMEOUT"]);

/** Retry-After is either delay-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(header);
  if (!Number.isNaN(date)) return Math.max(0, date - now);
  return undefined;
}

function snippet(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function networkError(error: unknown): TargetError {
  const { code, detail } = describeHttpFailure(error);
  if (code && CONNECTION_CODES.has(code)) {
    return new TargetError("connection", `Could not reach the target: ${detail}`, { transient: true, cause: error });
  }
  return new TargetError("connection", `Request to the target failed: ${detail}`, { transient: true, cause: error });
}

function requestBody(config: HttpConfig, request: TargetRequest): string {
  if (config.bodyTemplate.trim() === "") return JSON.stringify({ input: request.input, metadata: request.metadata });
  try {
    return JSON.stringify(
      renderJsonTemplate(config.bodyTemplate, { input: request.input, metadata: request.metadata, expectedOutput: request.expectedOutput }),
    );
  } catch (error) {
    throw new TargetError("config", error instanceof Error ? error.message : String(error));
  }
}

export function createHttpTarget(config: HttpConfig): Target {
  const retryable = new Set(config.retryableStatuses);
  return {
    timeoutMs: config.timeoutMs,
    async call(request, signal) {
      const body = requestBody(config, request);
      let response: HttpReply;
      try {
        response = await httpCall(config.url, {
          method: config.method,
          headers: {
            "content-type": "application/json",
            accept: "application/json",
            // The same key on every retry of one (run, item, repetition), so the target can deduplicate.
            "idempotency-key": `${request.runId}:${request.itemId}:${request.repetition}`,
            ...config.headers,
          },
          body,
          signal,
        });
      } catch (error) {
        if (signal.aborted) throw new TargetError("aborted", "The request was aborted.", { cause: error });
        throw networkError(error);
      }

      const text = response.text;

      if (!response.ok) {
        const transient = retryable.has(response.status);
        throw new TargetError("http-status", `HTTP ${response.status}${text ? `: ${snippet(text)}` : ""}`, {
          transient,
          retryAfterMs: parseRetryAfter(response.header("retry-after")),
        });
      }
      if (text.length > MAX_RESPONSE_CHARS) {
        throw new TargetError("bad-response", `The response is larger than ${MAX_RESPONSE_CHARS} characters.`);
      }

      const contentType = response.header("content-type") ?? "";
      const looksJson = contentType.includes("json") || config.outputPath !== "";
      if (!looksJson) return { output: text };

      let reply: unknown;
      try {
        reply = JSON.parse(text);
      } catch {
        throw new TargetError("bad-response", `The response is not valid JSON: ${snippet(text, 120) || "(empty body)"}`);
      }
      const picked = readPath(reply, config.outputPath);
      if (!picked.found) {
        throw new TargetError("bad-response", `The response has no value at "${config.outputPath}": ${snippet(text, 120)}`);
      }
      return { output: (picked.value ?? null) as JsonValue };
    },
  };
}
