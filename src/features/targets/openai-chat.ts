import type { z } from "zod";
import type { JsonValue } from "@/lib/json";
import { renderTemplate } from "@/lib/template";
import { chatCompletion, type ChatMessage } from "./openai-client";
import { costOf, type openAiChatTargetConfig } from "./kinds/openai-chat";
import { TargetError, type Target } from "./types";

type OpenAiChatConfig = z.infer<typeof openAiChatTargetConfig>;

export function createOpenAiChatTarget(config: OpenAiChatConfig): Target {
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
      const reply = await chatCompletion({
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
