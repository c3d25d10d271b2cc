/** The targets feature's React entry: pages, the config fields and the draft helpers other forms share. */
export { headersFromRows, nextDraftId, numberReader, type HeaderRow } from "./draft-inputs";
export { SavedTargetList } from "./saved-target-list";
export { HeadersEditor, SecretInput } from "./secret-input";
export { TargetConfigFields, TargetKindPicker } from "./target-config-fields";
export { TargetEditor } from "./target-editor";
export { addIssues, configFromDraft, defaultTargetDraft, targetFieldShows, targetSummary, type TargetDraft } from "./target-form";
export { TargetKindBadge } from "./target-kind-badge";
export { KindFields, Placeholder } from "./kind-fields";
export { TargetsPage } from "./targets-page";
