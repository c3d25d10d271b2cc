import { demoForm } from "../kinds/demo.form";
import { echoForm } from "../kinds/echo.form";
import { httpForm } from "../kinds/http.form";
import { openAiChatForm } from "../kinds/openai-chat.form";
import type { TargetKind } from "../schemas";
import type { TargetKindForm } from "./target-kind-form";

/**
 * The form of each target kind (kinds/<kind>.form.tsx), for the browser only.
 * Keyed by the kinds of kinds/index.ts: a new kind fails the type check until
 * it is added here. The kind picker lists them in this order.
 */
export const TARGET_FORMS = {
  "openai-chat": openAiChatForm,
  http: httpForm,
  demo: demoForm,
  echo: echoForm,
} satisfies { [K in TargetKind]: TargetKindForm<K, object> };

/** The form of a kind, typed for any draft: each form only ever sees drafts it made. */
export function targetForm(kind: TargetKind): TargetKindForm<TargetKind, object> {
  return TARGET_FORMS[kind];
}
