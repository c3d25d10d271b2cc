import { RE2JS, RE2JSException } from "re2js";

/**
 * Patterns run on RE2 (re2js, a pure-JS port): matching time is linear in the
 * text for every pattern, so no pattern — user-written or pasted — can hang a
 * run through catastrophic backtracking. The price is RE2's syntax: no
 * lookaround and no backreferences; those are rejected with a message that
 * says so, instead of RE2's terse parser error.
 */
export type SafeRegex = { test(text: string): boolean };

export type CompiledRegex = { ok: true; regex: SafeRegex } | { ok: false; message: string };

const FLAG_BITS: Record<string, number> = { i: RE2JS.CASE_INSENSITIVE, m: RE2JS.MULTILINE, s: RE2JS.DOTALL };
/** `g` and `u` mean nothing for a yes/no test on RE2 (always Unicode-aware); accepted so pasted flags work. */
const IGNORED_FLAGS = new Set(["g", "u"]);
export const ALLOWED_FLAGS_MESSAGE = "may use i, m and s (g and u are accepted and change nothing)";

/** The first JS-only construct RE2 cannot run, skipping escapes and character classes. */
function unsupportedConstruct(pattern: string): string | null {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === "\\") {
      const next = pattern[i + 1] ?? "";
      // Inside a class \1 is an octal escape in JS, not a backreference.
      if (!inClass && /[1-9]/.test(next)) return `backreference \\${next}`;
      if (!inClass && next === "k" && pattern[i + 2] === "<") return "named backreference \\k<…>";
      i++;
      continue;
    }
    if (inClass) {
      if (char === "]") inClass = false;
      continue;
    }
    if (char === "[") {
      inClass = true;
      // A leading ] (or ^]) is a literal, not the end of the class.
      if (pattern[i + 1] === "^") i++;
      if (pattern[i + 1] === "]") i++;
      continue;
    }
    if (char === "(" && pattern[i + 1] === "?") {
      const rest = pattern.slice(i + 2, i + 4);
      if (rest.startsWith("=")) return "lookahead (?=…)";
      if (rest.startsWith("!")) return "negative lookahead (?!…)";
      if (rest === "<=") return "lookbehind (?<=…)";
      if (rest === "<!") return "negative lookbehind (?<!…)";
    }
  }
  return null;
}

export function compileSafeRegex(pattern: string, flags = ""): CompiledRegex {
  let bits = 0;
  for (const flag of flags) {
    if (IGNORED_FLAGS.has(flag)) continue;
    const bit = FLAG_BITS[flag];
    if (bit === undefined) return { ok: false, message: `Unknown flag "${flag}": flags ${ALLOWED_FLAGS_MESSAGE}` };
    bits |= bit;
  }
  const unsupported = unsupportedConstruct(pattern);
  if (unsupported) {
    return {
      ok: false,
      message: `The pattern uses a ${unsupported}, which is not supported: patterns run on a linear-time engine (RE2) so that no pattern can hang a run`,
    };
  }
  try {
    // translateRegExp turns JS spellings RE2 lacks (\uXXXX, (?<name>…), [^]) into RE2's.
    const compiled = RE2JS.compile(RE2JS.translateRegExp(pattern), bits);
    return { ok: true, regex: { test: (text) => compiled.test(text) } };
  } catch (error) {
    const detail = error instanceof RE2JSException || error instanceof Error ? error.message : String(error);
    return { ok: false, message: `The pattern is not a valid regular expression: ${detail.replace(/^error parsing regexp: /, "")}` };
  }
}
