import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A real OpenAI-compatible chat-completions server on loopback, for tests of
 * the openai-chat target and the llm-judge scorer.
 *
 *   const server = await startOpenAiCompatibleServer((request) => {
 *     if (request.count === 1) return replies.rateLimited(1);   // 429, Retry-After: 1
 *     return `{"score": 0.8}`;                                  // assistant content
 *   });
 *   chatCompletion({ baseUrl: server.baseUrl, ... });           // baseUrl ends in /v1
 *   server.requests[0]?.body.messages                           // what was sent
 *   await server.close();
 *
 * Answers POST /v1/chat/completions and POST /chat/completions; anything else
 * is a 404 in OpenAI's error format. The reply function gets the parsed
 * request and returns one of:
 *   - a string: the assistant's content, as a normal 200 completion;
 *   - { content, finishReason?, promptTokens?, completionTokens?, delayMs? }:
 *     a 200 completion with those fields (usage defaults to rough counts);
 *   - { status, json? | text?, headers?, delayMs? }: a raw HTTP response
 *     (errors, malformed bodies); `replies` builds the usual ones.
 * Without a reply function the server echoes the last user message.
 * `delayMs` holds the response back (slow model); a client that gives up
 * closes the socket and the server drops the reply.
 */

export interface ChatCompletionRequestBody {
  model?: string;
  messages?: { role: string; content: string }[];
  temperature?: number;
  max_tokens?: number;
  response_format?: { type: string };
  stream?: boolean;
  [key: string]: unknown;
}

export interface RecordedChatRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The parsed JSON body, or null when it was not JSON. */
  body: ChatCompletionRequestBody;
  /** 1 for the first request the server received. */
  count: number;
}

export interface CompletionReply {
  content: string;
  finishReason?: string;
  promptTokens?: number;
  completionTokens?: number;
  delayMs?: number;
}

export interface RawReply {
  status: number;
  json?: unknown;
  /** Sent as it is (for malformed bodies); wins over `json`. */
  text?: string;
  headers?: Record<string, string>;
  delayMs?: number;
}

export type ScriptedReply = string | CompletionReply | RawReply;
export type ReplyFunction = (request: RecordedChatRequest) => ScriptedReply | Promise<ScriptedReply>;

export const replies = {
  /** 429 with Retry-After in seconds, as OpenAI sends it. */
  rateLimited: (retryAfterSeconds: number): RawReply => ({
    status: 429,
    headers: { "retry-after": String(retryAfterSeconds) },
    json: { error: { message: "Rate limit reached", type: "rate_limit_error", code: "rate_limit_exceeded" } },
  }),
  serverError: (message = "The server had an error while processing your request", status = 500): RawReply => ({
    status,
    json: { error: { message, type: "server_error" } },
  }),
  /** A 200 whose body is not JSON. */
  malformed: (text = '{"choices": [ {"message": '): RawReply => ({ status: 200, text }),
  /** Any reply, held back `ms` milliseconds. */
  slow: (ms: number, reply: string | CompletionReply = "ok"): CompletionReply => ({ ...(typeof reply === "string" ? { content: reply } : reply), delayMs: ms }),
};

const CHAT_PATHS = new Set(["/v1/chat/completions", "/chat/completions"]);

function roughTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function echoLastUserMessage(request: RecordedChatRequest): string {
  const messages = request.body.messages ?? [];
  return [...messages].reverse().find((m) => m.role === "user")?.content ?? "";
}

function toResponse(reply: ScriptedReply, request: RecordedChatRequest): { status: number; headers: Record<string, string>; body: string; delayMs: number } {
  if (typeof reply === "string") reply = { content: reply };
  if ("status" in reply) {
    const body = reply.text ?? JSON.stringify(reply.json ?? {});
    return {
      status: reply.status,
      headers: { "content-type": reply.text !== undefined ? "text/plain" : "application/json", ...reply.headers },
      body,
      delayMs: reply.delayMs ?? 0,
    };
  }
  const promptText = (request.body.messages ?? []).map((m) => m.content).join("\n");
  const completion = {
    id: `chatcmpl-test-${request.count}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: request.body.model ?? "test-model",
    choices: [{ index: 0, message: { role: "assistant", content: reply.content }, finish_reason: reply.finishReason ?? "stop" }],
    usage: {
      prompt_tokens: reply.promptTokens ?? roughTokens(promptText),
      completion_tokens: reply.completionTokens ?? roughTokens(reply.content),
      total_tokens: (reply.promptTokens ?? roughTokens(promptText)) + (reply.completionTokens ?? roughTokens(reply.content)),
    },
  };
  return { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(completion), delayMs: reply.delayMs ?? 0 };
}

export interface OpenAiCompatibleServer {
  /** `http://127.0.0.1:<port>/v1`, what a user would enter as the base URL. */
  baseUrl: string;
  /** Every chat request received, in order. */
  requests: RecordedChatRequest[];
  close: () => Promise<void>;
}

export async function startOpenAiCompatibleServer(reply: ReplyFunction = echoLastUserMessage): Promise<OpenAiCompatibleServer> {
  const requests: RecordedChatRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const path = (req.url ?? "/").split("?")[0]!;
      if (req.method !== "POST" || !CHAT_PATHS.has(path)) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: `Unknown route ${req.method} ${path}`, type: "invalid_request_error" } }));
        return;
      }
      let body: ChatCompletionRequestBody | null = null;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as ChatCompletionRequestBody;
      } catch {
        body = null;
      }
      const request: RecordedChatRequest = { path, headers: req.headers, body: body ?? {}, count: requests.length + 1 };
      requests.push(request);
      if (body === null) {
        res.writeHead(400, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: "We could not parse the JSON body of your request.", type: "invalid_request_error" } }));
        return;
      }
      Promise.resolve()
        .then(() => reply(request))
        .then((scripted) => {
          const response = toResponse(scripted, request);
          const send = () => {
            if (res.destroyed) return;
            res.writeHead(response.status, response.headers);
            res.end(response.body);
          };
          if (response.delayMs <= 0) return send();
          const timer = setTimeout(send, response.delayMs);
          // The client gave up (timeout, cancel): nothing to send.
          res.on("close", () => clearTimeout(timer));
        })
        .catch((error: unknown) => {
          if (res.headersSent || res.destroyed) return;
          res.writeHead(500, { "content-type": "application/json" });
          res.end(
            JSON.stringify({
              error: { message: `Test reply function threw: ${error instanceof Error ? error.message : String(error)}`, type: "server_error" },
            }),
          );
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
