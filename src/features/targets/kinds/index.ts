import { demoTarget } from "./demo";
import { echoTarget } from "./echo";
import { httpTarget } from "./http";
import { openAiChatTarget } from "./openai-chat";

/**
 * Every target kind, one line each (to add a kind: write kinds/<kind>.ts and
 * list it here). The shared schema, labels, secret rules and summaries
 * (schemas.ts), the implementations (registry.ts) and the forms
 * (components/target-form.ts) all come from this list; the kind picker shows
 * the kinds in this order.
 */
export const TARGET_KIND_LIST = [openAiChatTarget, httpTarget, demoTarget, echoTarget] as const;

export type TargetKind = (typeof TARGET_KIND_LIST)[number]["kind"];
