import type { z } from "zod";
import type { JsonValue } from "@/lib/json";
import { readPath } from "@/lib/json-path";
import type { httpTargetConfig } from "./schemas";
import { TargetError, type Target } from "./types";

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
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code;
  const detail = cause?.message ?? (error instanceof Error ? error.message : String(error));
  if (code && CONNECTION_CODES.has(code)) {
    return new TargetError("connection", `Could not reach the target: ${detail}`, { transient: true, cause: error });
  }
  return new TargetError("connection", `Request to the target failed: ${detail}`, { transient: true, cause: error });
}

export function createHttpTarget(config: HttpConfig): Target {
  return {
    async call(request, signal) {
      let response: Response;
      try {
        response = await fetch(config.url, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json", ...config.headers },
          body: JSON.stringify({ input: request.input, metadata: request.metadata }),
          signal,
        });
      } catch (error) {
        if (signal.aborted) throw new TargetError("aborted", "The request was aborted.", { cause: error });
        throw networkError(error);
      }

      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        if (signal.aborted) throw new TargetError("aborted", "The request was aborted.", { cause: error });
        throw networkError(error);
      }

      if (!response.ok) {
        const transient = response.status === 429 || response.status === 408 || response.status >= 500;
        throw new TargetError("http-status", `HTTP ${response.status}${text ? `: ${snippet(text)}` : ""}`, {
          transient,
          retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
        });
      }
      if (text.length > MAX_RESPONSE_CHARS) {
        throw new TargetError("bad-response", `The response is larger than ${MAX_RESPONSE_CHARS} characters.`);
      }

      const contentType = response.headers.get("content-type") ?? "";
      const looksJson = contentType.includes("json") || config.outputPath !== "";
      if (!looksJson) return { output: text };

      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new TargetError("bad-response", `The response is not valid JSON: ${snippet(text, 120) || "(empty body)"}`);
      }
      const picked = readPath(body, config.outputPath);
      if (!picked.found) {
        throw new TargetError("bad-response", `The response has no value at "${config.outputPath}": ${snippet(text, 120)}`);
      }
      return { output: (picked.value ?? null) as JsonValue };
    },
  };
}
