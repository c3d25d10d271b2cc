import { asText } from "@/lib/json";
import type { z } from "zod";
import type { lengthBoundsScorer } from "./kinds/length-bounds";
import type { Scorer } from "./types";

/** Unicode code points, counted without building an array (outputs can be megabytes). */
export function codePointLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

export function createLengthBoundsScorer(config: z.infer<typeof lengthBoundsScorer.config>): Scorer {
  const { min, max } = config.params;
  return (context) => {
    const length = codePointLength(asText(context.output));
    const unit = `character${length === 1 ? "" : "s"}`;
    if (min !== undefined && length < min) return { score: 0, reason: `The output has ${length} ${unit}, fewer than the minimum of ${min}.` };
    if (max !== undefined && length > max) return { score: 0, reason: `The output has ${length} ${unit}, more than the maximum of ${max}.` };
    return { score: 1 };
  };
}
