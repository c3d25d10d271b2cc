import { z } from "zod";
import { defineScorerKind, type ScorerConfigOf } from "../kind";
import { outputAsJson, snippet } from "../text";
import { ScorerError, type Scorer, type ScoreContext } from "../types";

const params = z
  .object({
    /** Keys the output has and the expected output lacks are not counted against it. */
    ignoreExtraKeys: z.boolean().default(false),
    allowCodeFence: z.boolean().default(false),
  })
  .prefault({});

/*
 * A small recursive comparer rather than a diff library: libraries such as
 * microdiff or jsondiffpatch return a change list or a patch, but the score
 * needs the share of matching leaves over both trees, which would need a
 * second walk over their result anyway, plus our own rules for extra keys and
 * for whole subtrees that are missing. Inputs are plain JSON (no dates, no
 * cycles), so the comparer stays short.
 */

/** Objects nested deeper than this are an error on the score, not a stack overflow. */
const MAX_DEPTH = 200;
const LISTED_DIFFERENCES = 5;

type Json = unknown;

interface Tally {
  /** Leaves compared: the expected ones, plus the output's extra ones unless ignored. */
  total: number;
  matched: number;
  differences: string[];
}

function isObject(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function kindOf(value: Json): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** A leaf is a primitive or an empty object/array, so `{}` vs `{}` still counts as one match. */
function countLeaves(value: Json, depth = 0): number {
  if (depth > MAX_DEPTH) throw new ScorerError(`The JSON is nested more than ${MAX_DEPTH} levels deep.`);
  const children = Array.isArray(value) ? value : isObject(value) ? Object.values(value) : null;
  if (children === null || children.length === 0) return 1;
  let count = 0;
  for (const child of children) count += countLeaves(child, depth + 1);
  return count;
}

/** `$.user.tags[2]`, or `$["odd key"]` for keys that are not identifiers. */
function childPath(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function show(value: Json): string {
  return snippet(JSON.stringify(value) ?? String(value), 40);
}

function compare(expected: Json, actual: Json, path: string, ignoreExtraKeys: boolean, tally: Tally, depth: number): void {
  if (depth > MAX_DEPTH) throw new ScorerError(`The JSON is nested more than ${MAX_DEPTH} levels deep.`);
  if (isObject(expected) && isObject(actual)) {
    const expectedKeys = Object.keys(expected);
    const extraKeys = Object.keys(actual).filter((key) => !Object.prototype.hasOwnProperty.call(expected, key));
    if (expectedKeys.length === 0 && (extraKeys.length === 0 || ignoreExtraKeys)) {
      tally.total += 1;
      tally.matched += 1;
      return;
    }
    for (const key of expectedKeys) {
      const next = childPath(path, key);
      if (!Object.prototype.hasOwnProperty.call(actual, key)) {
        tally.total += countLeaves(expected[key], depth + 1);
        tally.differences.push(`${next} is missing`);
      } else compare(expected[key], actual[key], next, ignoreExtraKeys, tally, depth + 1);
    }
    if (!ignoreExtraKeys) {
      for (const key of extraKeys) {
        tally.total += countLeaves(actual[key], depth + 1);
        tally.differences.push(`${childPath(path, key)} is unexpected`);
      }
    }
    return;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length === 0 && actual.length === 0) {
      tally.total += 1;
      tally.matched += 1;
      return;
    }
    const shared = Math.min(expected.length, actual.length);
    for (let i = 0; i < shared; i++) compare(expected[i], actual[i], childPath(path, i), ignoreExtraKeys, tally, depth + 1);
    // Array items are positional: extra items count even with ignoreExtraKeys.
    for (let i = shared; i < expected.length; i++) {
      tally.total += countLeaves(expected[i], depth + 1);
      tally.differences.push(`${childPath(path, i)} is missing`);
    }
    for (let i = shared; i < actual.length; i++) {
      tally.total += countLeaves(actual[i], depth + 1);
      tally.differences.push(`${childPath(path, i)} is unexpected`);
    }
    return;
  }
  // Two primitives, or different kinds: one node, worth as many leaves as its larger side.
  if (expected === actual) {
    tally.total += 1;
    tally.matched += 1;
    return;
  }
  tally.total += Math.max(countLeaves(expected, depth), countLeaves(actual, depth));
  const kinds = kindOf(expected) === kindOf(actual) ? "" : ` (${kindOf(expected)} vs ${kindOf(actual)})`;
  tally.differences.push(`${path} is ${show(actual)}, expected ${show(expected)}${kinds}`);
}

/** Leaf-level comparison: the share of matching leaves and the paths that differ. */
export function diffJson(expected: Json, actual: Json, options: { ignoreExtraKeys: boolean }): Tally {
  const tally: Tally = { total: 0, matched: 0, differences: [] };
  compare(expected, actual, "$", options.ignoreExtraKeys, tally, 0);
  return tally;
}

/** Text that parses as JSON is compared as that JSON; other text as a string. */
function asComparable(value: ScoreContext["output"], allowCodeFence: boolean): Json {
  if (typeof value !== "string") return value;
  const parsed = outputAsJson(value, { allowCodeFence });
  return parsed.ok ? parsed.value : value;
}

function createJsonEqualScorer(config: ScorerConfigOf<typeof params>): Scorer {
  const { ignoreExtraKeys, allowCodeFence } = config.params;
  return (context) => {
    if (context.expectedOutput === null || context.expectedOutput === undefined) throw new ScorerError("This item has no expected output to compare with.");
    const tally = diffJson(asComparable(context.expectedOutput, false), asComparable(context.output, allowCodeFence), { ignoreExtraKeys });
    if (tally.differences.length === 0) return { score: 1 };
    const listed = tally.differences.slice(0, LISTED_DIFFERENCES).join("; ");
    const more = tally.differences.length > LISTED_DIFFERENCES ? `; and ${tally.differences.length - LISTED_DIFFERENCES} more` : "";
    return {
      score: tally.total === 0 ? 0 : tally.matched / tally.total,
      reason: `${tally.matched} of ${tally.total} values match: ${listed}${more}.`,
    };
  };
}

export const jsonEqualScorer = defineScorerKind({
  type: "json-equal",
  label: "JSON equality",
  description: "Share of JSON leaf values equal to the expected output's; the reason names the paths that differ.",
  defaultThreshold: 1,
  group: "JSON",
  params,
  form: [
    {
      inline: [
        { control: "checkbox", key: "ignoreExtraKeys", label: "Ignore extra keys in the output" },
        { control: "checkbox", key: "allowCodeFence", label: "Accept ```json fences" },
      ],
    },
  ],
  create: createJsonEqualScorer,
});
