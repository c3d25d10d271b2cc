import { SCORER_KINDS, type ScorerType } from "./kinds";

/** What the dashboard shows for each scorer type, from the kinds' own declarations (kinds/<type>.ts). */
export const SCORER_TYPES = Object.fromEntries(
  SCORER_KINDS.map(({ type, label, description, defaultThreshold }) => [type, { label, description, defaultThreshold }]),
) as Record<ScorerType, { label: string; description: string; defaultThreshold: number }>;
