import { demoTarget } from "./demo";
import { echoTarget } from "./echo";
import { httpTarget } from "./http";
import { openAiChatTarget } from "./openai-chat";

/**
 * Every target kind, one line each: the shared schema, labels, secret rules
 * and summaries are assembled from this list (schemas.ts), and the
 * implementations (registry.ts) and forms (components/target-forms.ts) are
 * keyed by its kinds. This order is the one a wrong `kind` is told to choose from.
 */
export const TARGET_KIND_LIST = [echoTarget, demoTarget, httpTarget, openAiChatTarget] as const;

export type TargetKind = (typeof TARGET_KIND_LIST)[number]["kind"];
