import { z } from "zod";
import { httpHeadersSchema } from "@/lib/http-headers";
import type { JsonValue } from "@/lib/json";
import { renderTemplate } from "@/lib/template";
import { defineTargetKind, headerSecretPaths, type TargetIo } from "../kind";
import type { ChatMessage } from "../openai-client";
import { TargetError, type Target } from "../types";
import { httpUrlSchema } from "./shared";

/** Where the usual OpenAI-compatible servers listen. */
export const OPENAI_BASE_URL_PRESETS = [
  { label: "OpenAI", value: "https://api.openai.com/v1" },
  { label: "Ollama", value: "http://localhost:11434/v1" },
  { label: "vLLM", value: "http://localhost:8000/v1" },
  { label: "LM Studio", value: "http://localhost:1234/v1" },
] as const;

/** Any OpenAI-compatible chat-completions endpoint: OpenAI, Ollama, vLLM, LM Studio, a gateway. */
export const openAiChatTargetConfig = z.object({
  kind: z.literal("openai-chat"),
  /** e.g. https://api.openai.com/v1 or http://localhost:11434/v1 */
  baseUrl: httpUrlSchema,
  /** Secret. Empty for local servers that need none. */
  apiKey: z.string().max(500).default(""),
  model: z.string().trim().min(1, "is required").max(200),
  systemPrompt: z.string().max(50_000).default(""),
  /** The user message: `{{input}}`, `{{input.question}}`, `{{metadata.x}}`, `{{expectedOutput}}`. */
  userTemplate: z.string().min(1, "is required").max(50_000).default("{{input}}"),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().min(1).max(1_000_000).optional(),
  /** Ask for a JSON object reply; the output is then the parsed JSON. */
  jsonMode: z.boolean().default(false),
  headers: httpHeadersSchema.default({}),
  /** USD per 1,000 tokens, to estimate cost. */
  pricing: z
    .object({
      promptPer1k: z.number().min(0).max(1000).default(0),
      completionPer1k: z.number().min(0).max(1000).default(0),
    })
    .default({ promptPer1k: 0, completionPer1k: 0 }),
});

/** What a reply cost in USD at the configured prices; null when no price or no token count is known. */
export function costOf(
  usage: { promptTokens: number | null; completionTokens: number | null },
  pricing: z.infer<typeof openAiChatTargetConfig>["pricing"],
): number | null {
  if (pricing.promptPer1k === 0 && pricing.completionPer1k === 0) return null;
  if (usage.promptTokens === null && usage.completionTokens === null) return null;
  return ((usage.promptTokens ?? 0) * pricing.promptPer1k + (usage.completionTokens ?? 0) * pricing.completionPer1k) / 1000;
}

type OpenAiChatConfig = z.infer<typeof openAiChatTargetConfig>;

function createOpenAiChatTarget(config: OpenAiChatConfig, io: TargetIo): Target {
  return {
    async call(request, signal) {
      const context = { input: request.input, expectedOutput: request.expectedOutput, metadata: request.metadata };
      const messages: ChatMessage[] = [];
      try {
        if (config.systemPrompt.trim() !== "") messages.push({ role: "system", content: renderTemplate(config.systemPrompt, context) });
        messages.push({ role: "user", content: renderTemplate(config.userTemplate, context) });
      } catch (error) {
        throw new TargetError("config", error instanceof Error ? error.message : String(error));
      }
      const reply = await io.chatCompletion({
        baseUrl: config.baseUrl,
        apiKey: config.apiKey || undefined,
        model: config.model,
        messages,
        temperature: config.temperature,
        maxTokens: config.maxTokens,
        jsonMode: config.jsonMode,
        headers: config.headers,
        signal,
      });
      let output: JsonValue = reply.content;
      if (config.jsonMode) {
        try {
          output = JSON.parse(reply.content) as JsonValue;
        } catch {
          throw new TargetError("bad-response", `JSON mode is on but the model replied with text that is not JSON: ${reply.content.slice(0, 120)}`);
        }
      }
      return { output, usage: reply.usage, costUsd: costOf(reply.usage, config.pricing) };
    },
  };
}

export const openAiChatTarget = defineTargetKind({
  kind: "openai-chat",
  label: "OpenAI-compatible model",
  description: "Chat completions on OpenAI, Ollama, vLLM, LM Studio or a gateway.",
  badge: { label: "OpenAI-compatible", tone: "violet" },
  config: openAiChatTargetConfig,
  secretPaths: (config) => [...(config.apiKey ? [["apiKey"]] : []), ...headerSecretPaths(config.headers)],
  urlField: "baseUrl",
  summary: (config) => `${config.model} · ${config.baseUrl}`,
  form: [
    {
      control: "text",
      key: "baseUrl",
      label: "Base URL",
      initial: "https://api.openai.com/v1",
      placeholder: "https://api.openai.com/v1",
      mono: true,
      trim: true,
      presets: { items: OPENAI_BASE_URL_PRESETS, before: "Presets:", after: "— any server with /chat/completions" },
    },
    {
      grid: "md:grid-cols-2",
      row: [
        {
          control: "secret",
          key: "apiKey",
          label: "API key",
          hint: "Secret: encrypted at rest, never sent back. Empty for local servers.",
          placeholder: "sk-…",
        },
        { control: "text", key: "model", label: "Model", placeholder: "gpt-4o-mini, llama3.1:8b…", mono: true },
      ],
    },
    {
      control: "textarea",
      key: "systemPrompt",
      label: "System prompt",
      hint: "Optional.",
      rows: 3,
      placeholder: "You are a concise assistant. Answer with the city name only.",
    },
    {
      control: "textarea",
      key: "userTemplate",
      label: "User message",
      hint: "{{input}} is the item's input (objects as JSON); {{input.question}}, {{metadata.lang}} and {{expectedOutput}} reach inside it.",
      rows: 3,
      code: true,
      initial: "{{input}}",
    },
    {
      grid: "grid-cols-2 md:grid-cols-4",
      row: [
        { control: "number", key: "temperature", label: "Temperature", hint: "0 to 2", placeholder: "default" },
        { control: "number", key: "maxTokens", label: "Max tokens", placeholder: "default" },
        { control: "number", key: "pricing.promptPer1k", label: "$ / 1k prompt tokens", hint: "For cost estimates", placeholder: "0", empty: 0 },
        { control: "number", key: "pricing.completionPer1k", label: "$ / 1k completion tokens", placeholder: "0", empty: 0 },
      ],
    },
    { control: "checkbox", key: "jsonMode", label: "JSON mode — ask for a JSON object reply; the output is the parsed JSON" },
    { control: "headers", key: "headers", label: "Extra headers", hint: "For gateways, e.g. OpenAI-Organization." },
  ],
  create: createOpenAiChatTarget,
});
