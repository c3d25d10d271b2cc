/** Reads a dot path (`choices.0.message.content`) from a JSON value. */
export function readPath(value: unknown, path: string): { found: true; value: unknown } | { found: false } {
  if (path === "") return { found: true, value };
  let current: unknown = value;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object") return { found: false };
    if (Array.isArray(current)) {
      const index = Number(key);
      if (!Number.isInteger(index) || index < 0 || index >= current.length) return { found: false };
      current = current[index];
    } else {
      if (!Object.prototype.hasOwnProperty.call(current, key)) return { found: false };
      current = (current as Record<string, unknown>)[key];
    }
  }
  return { found: true, value: current };
}
