/**
 * Where JSON text stops being JSON, and why: engines word JSON.parse errors
 * differently (Node 20 names no position for an unexpected token), but the
 * import names the line and column a user can go to. Only called after
 * JSON.parse has failed.
 */
export function jsonSyntaxError(text: string): { offset: number; reason: string } | null {
  let i = 0;
  const n = text.length;
  const fail = (reason: string, at = i): never => {
    throw { offset: at, reason } as { offset: number; reason: string };
  };
  const shown = () => (i >= n ? "the end of the text" : `“${text[i]}”`);
  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i += 1;
      else break;
    }
  };
  const digits = () => {
    const start = i;
    while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i += 1;
    if (i === start) fail(`expected a digit, found ${shown()}`);
  };
  const string = () => {
    i += 1; // the opening quote
    for (;;) {
      if (i >= n) fail("a string is not closed");
      const c = text.charCodeAt(i);
      if (c === 34) {
        i += 1;
        return;
      }
      if (c < 32) fail("a line break or control character inside a string (write it as \\n, \\t, …)");
      if (c === 92) {
        const next = text[i + 1];
        if (next === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail("\\u must be followed by four hex digits");
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else fail(`invalid escape \\${next ?? ""}`);
      } else i += 1;
    }
  };
  // The members of an object or the elements of an array, after the opening bracket up to `close`:
  // separated by commas, with no trailing comma (the mistake hand-edited JSON makes most).
  const members = (close: "}" | "]", member: () => void): void => {
    i += 1;
    ws();
    if (text[i] === close) {
      i += 1;
      return;
    }
    for (;;) {
      member();
      ws();
      if (text[i] === ",") {
        i += 1;
        ws();
        if (text[i] === close) fail(`a comma before “${close}” (JSON has no trailing commas)`);
        continue;
      }
      if (text[i] === close) {
        i += 1;
        return;
      }
      fail(`expected “,” or “${close}”, found ${shown()}`);
    }
  };
  const value = (depth: number): void => {
    if (depth > 10_000) fail("nested too deeply");
    ws();
    if (i >= n) fail("the text ends before the JSON does");
    const ch = text[i]!;
    if (ch === "{") {
      return members("}", () => {
        ws();
        if (text[i] !== '"') fail(`expected a property name in double quotes, found ${shown()}`);
        string();
        ws();
        if (text[i] !== ":") fail(`expected “:” after a property name, found ${shown()}`);
        i += 1;
        value(depth + 1);
      });
    }
    if (ch === "[") return members("]", () => value(depth + 1));
    if (ch === '"') return string();
    if (ch === "-" || (ch >= "0" && ch <= "9")) {
      if (ch === "-") i += 1;
      if (text[i] === "0") i += 1;
      else digits();
      if (text[i] === ".") {
        i += 1;
        digits();
      }
      if (text[i] === "e" || text[i] === "E") {
        i += 1;
        if (text[i] === "+" || text[i] === "-") i += 1;
        digits();
      }
      return;
    }
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    fail(`unexpected ${shown()}`);
  };
  try {
    value(0);
    ws();
    if (i < n) fail(`unexpected ${shown()} after the JSON value`);
    return null;
  } catch (error) {
    if (error instanceof RangeError) return null; // nested beyond the stack: no position to give
    return error as { offset: number; reason: string };
  }
}
