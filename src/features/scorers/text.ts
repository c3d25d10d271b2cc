import { asText } from "@/lib/json";
import { type ScoreContext, ScorerError } from "./types";

export function expectedText(context: ScoreContext): string {
  if (context.expectedOutput === null || context.expectedOutput === undefined) {
    throw new ScorerError("This item has no expected output to compare with.");
  }
  return asText(context.expectedOutput);
}

export function normalise(text: string, options: { caseSensitive: boolean; trim?: boolean }): string {
  let result = options.trim ? text.trim() : text;
  if (!options.caseSensitive) result = result.toLowerCase();
  return result;
}
