/** The scorers feature's React entry: the scorer cards and their drafts. */
export { AddScorerPicker, ScorerCard } from "./scorer-card";
export { newScorer, scorerFromDraft, type ScorerDraft } from "./scorer-form";
