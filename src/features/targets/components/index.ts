/** The targets feature's React entry: pages, the config fields and the draft helpers other forms share. */
export { headersFromRows, nextDraftId, numberReader, type HeaderRow } from "./draft-inputs";
export { SavedTargetList } from "./saved-target-list";
export { HeadersEditor, SecretInput } from "./secret-input";
export { TargetConfigFields, TargetKindPicker } from "./target-config-fields";
export { TargetEditor } from "./target-editor";
export { addIssues, configFromDraft, defaultTargetDraft, targetFieldShows, targetSummary, type TargetDraft } from "./target-form";
export { TargetKindBadge } from "./target-kind-badge";
export { Placeholder } from "./target-kind-form";
export { TargetsPage } from "./targets-page";
export { OPENAI_BASE_URL_PRESETS } from "../kinds/openai-chat.form";
