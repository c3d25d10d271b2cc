/*
 * The one walker over user-given paths into JSON values: target output paths
 * (`choices.0.message.content`), template placeholders (`{{input.question}}`),
 * import mappings (`input.question`) and secret paths in configs.
 *
 * Any key is data here, `__proto__`, `constructor` and `prototype` included:
 * reading follows own properties only (so `a.constructor` is the value's own
 * "constructor" key or nothing, never Object), and writing defines own
 * properties (so `{"__proto__": …}` becomes a key, never a prototype).
 * Callers that want such keys refused (a config field, say) use
 * `prototypeKeyIn` for a clear field error.
 */

/** Keys that name an object's prototype machinery when used as a property access. */
export const PROTOTYPE_KEYS: readonly string[] = ["__proto__", "constructor", "prototype"];

export type PathInput = string | readonly string[];

/** `"a.b.0"` → `["a", "b", "0"]`; `""` → `[]` (the whole value). Arrays are taken as they are. */
export function splitPath(path: PathInput): readonly string[] {
  if (typeof path !== "string") return path;
  return path === "" ? [] : path.split(".");
}

/** The first segment of `path` that is `__proto__`, `constructor` or `prototype`, or null. */
export function prototypeKeyIn(path: PathInput): string | null {
  return splitPath(path).find((key) => PROTOTYPE_KEYS.includes(key)) ?? null;
}

function arrayIndex(key: string, length: number): number | null {
  const index = Number(key);
  return Number.isInteger(index) && index >= 0 && index < length ? index : null;
}

/** Reads a path (`choices.0.message.content`, or its segments) from a JSON value: own properties and array indexes only. */
export function readPath(value: unknown, path: PathInput): { found: true; value: unknown } | { found: false } {
  let current: unknown = value;
  for (const key of splitPath(path)) {
    if (current === null || typeof current !== "object") return { found: false };
    if (Array.isArray(current)) {
      const index = arrayIndex(key, current.length);
      if (index === null) return { found: false };
      current = current[index];
    } else {
      if (!Object.hasOwn(current, key)) return { found: false };
      current = (current as Record<string, unknown>)[key];
    }
  }
  return { found: true, value: current };
}

/** Sets an own, enumerable property: safe for any key, `__proto__` included. */
export function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Writes `value` at `path` inside `target`, creating plain objects for missing
 * levels. Every level is an own property (defineProperty), so no key can reach
 * a prototype. An array level takes an index (at most its length, which
 * appends). Throws when a level on the way is a primitive or an unusable
 * index, naming the path. An empty path is refused: there is no key to set.
 */
export function writePath(target: Record<string, unknown> | unknown[], path: PathInput, value: unknown): void {
  const keys = splitPath(path);
  if (keys.length === 0) throw new Error("writePath: the path is empty");
  let node: object = target;
  keys.forEach((key, position) => {
    const last = position === keys.length - 1;
    const where = () => keys.slice(0, position + 1).join(".");
    if (Array.isArray(node)) {
      const index = arrayIndex(key, node.length + 1);
      if (index === null) throw new Error(`${where()}: not an index of the array there`);
      if (last) node[index] = value;
      else {
        if (node[index] === undefined || node[index] === null) node[index] = {};
        node = next(node[index] as unknown, where);
      }
      return;
    }
    if (last) {
      setOwn(node, key, value);
      return;
    }
    const existing = Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
    if (existing === undefined || existing === null) {
      const created = {};
      setOwn(node, key, created);
      node = created;
    } else node = next(existing, where);
  });
}

function next(value: unknown, where: () => string): object {
  if (value === null || typeof value !== "object") throw new Error(`${where()}: holds a ${typeof value}, not an object`);
  return value;
}
