import { z } from "zod";
import type { JsonValue } from "@/lib/json";
import { defineScorerKind, type ScorerConfigOf } from "../kind";
import { snippet } from "../text";
import { ScorerError, type Scorer } from "../types";

const params = z
  .object({
    /** Within this distance of the expected number scores 1. */
    absoluteTolerance: z.number().min(0, "must be 0 or more").optional(),
    /** Within this fraction of |expected| scores 1 (0.05 = 5%). With both tolerances, the larger wins. */
    relativeTolerance: z.number().min(0, "must be 0 or more").max(1_000_000).optional(),
    /** Past the tolerance: `none` scores 0; `linear` falls from 1 at the tolerance to 0 at twice it. */
    falloff: z.enum(["none", "linear"], { error: 'must be "none" or "linear"' }).default("linear"),
    /** Which number a text output stands for: the whole text, or the first / last number in it. */
    extract: z.enum(["whole", "first", "last"], { error: 'must be "whole", "first" or "last"' }).default("whole"),
    /** The number to compare with; the item's expected output when absent. */
    expected: z.number().optional(),
  })
  .prefault({});

type NumericConfig = ScorerConfigOf<typeof params>;
type Extract = NumericConfig["params"]["extract"];

const WHOLE_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
// Thousands separators ("1,234.5") are allowed only in groups of three, so a list "1,2" stays two numbers.
const NUMBER_IN_TEXT = /[+-]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?/gi;

/**
 * The number a value stands for: a JSON number, or a string that is one
 * (whole), or the first / last number written in a text.
 */
export function extractNumber(value: JsonValue | null, extract: Extract): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string") return null;
  const text = value.trim();
  if (extract === "whole") {
    const plain = text.replace(/^([+-]?)(\d{1,3}(?:,\d{3})+)/, (_m, sign: string, digits: string) => sign + digits.replace(/,/g, ""));
    const number = WHOLE_NUMBER.test(plain) ? Number(plain) : NaN;
    return Number.isFinite(number) ? number : null;
  }
  let found: string | null = null;
  for (const match of text.matchAll(NUMBER_IN_TEXT)) {
    found = match[0];
    if (extract === "first") break;
  }
  if (found === null) return null;
  const number = Number(found.replace(/,/g, ""));
  return Number.isFinite(number) ? number : null;
}

function describe(value: JsonValue | null): string {
  if (value === null) return "null";
  return typeof value === "string" ? `"${snippet(value, 60)}"` : snippet(JSON.stringify(value), 60);
}

/**
 * tolerance = max(absoluteTolerance, relativeTolerance × |expected|), 0 when
 * neither is set. |actual − expected| ≤ tolerance scores 1. Past it, `none`
 * scores 0; `linear` scores 1 − (distance − tolerance) / tolerance, reaching
 * 0 at twice the tolerance (with a zero tolerance, anything off scores 0).
 */
function createNumericClosenessScorer(config: NumericConfig): Scorer {
  const { absoluteTolerance, relativeTolerance, falloff, extract } = config.params;
  return (context) => {
    let expected: number | null;
    if (config.params.expected !== undefined) expected = config.params.expected;
    else {
      if (context.expectedOutput === null || context.expectedOutput === undefined) throw new ScorerError("This item has no expected output to compare with.");
      expected = extractNumber(context.expectedOutput, "whole");
      if (expected === null) throw new ScorerError(`The expected output ${describe(context.expectedOutput)} is not a number.`);
    }
    const actual = extractNumber(context.output, extract);
    if (actual === null) {
      const where = extract === "whole" ? "is not a number" : "contains no number";
      return { score: 0, reason: `The output ${describe(context.output)} ${where}.` };
    }
    const tolerance = Math.max(absoluteTolerance ?? 0, (relativeTolerance ?? 0) * Math.abs(expected));
    const distance = Math.abs(actual - expected);
    // Rounding noise (0.1 + 0.2 vs 0.3) is not a difference anyone means to score.
    const noise = 1e-12 * Math.max(Math.abs(actual), Math.abs(expected));
    if (distance <= tolerance || distance <= noise) return { score: 1 };
    const reason = `${actual} is ${distance} away from ${expected}${tolerance > 0 ? `, outside the tolerance of ${tolerance}` : ""}.`;
    if (falloff === "none" || tolerance === 0) return { score: 0, reason };
    return { score: Math.max(0, 1 - (distance - tolerance) / tolerance), reason };
  };
}

export const numericClosenessScorer = defineScorerKind({
  type: "numeric-closeness",
  label: "Numeric closeness",
  description: "1 when the output's number is within tolerance of the expected number, falling to 0 at twice the tolerance.",
  defaultThreshold: 1,
  group: "Numbers & timing",
  params,
  form: [
    {
      grid: "grid-cols-3",
      row: [
        { control: "number", key: "absoluteTolerance", label: "Absolute tolerance", hint: "e.g. 0.5", placeholder: "0" },
        { control: "number", key: "relativeTolerance", label: "Relative tolerance", hint: "0.05 = 5%; the larger wins", placeholder: "0" },
        { control: "number", key: "expected", label: "Expected number", hint: "Empty: the expected output." },
      ],
    },
    {
      grid: "grid-cols-2",
      row: [
        {
          control: "select",
          key: "falloff",
          label: "Past the tolerance",
          options: [
            ["linear", "Fall linearly to 0 at twice it"],
            ["none", "Score 0"],
          ],
        },
        {
          control: "select",
          key: "extract",
          label: "Number in a text output",
          options: [
            ["whole", "The whole text"],
            ["first", "The first number in it"],
            ["last", "The last number in it"],
          ],
        },
      ],
    },
  ],
  create: createNumericClosenessScorer,
});
