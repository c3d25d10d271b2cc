/*
 * The tRPC wire format, replacing superjson. superjson refuses any object key
 * named `__proto__`, `constructor` or `prototype` ("Detected property …"), so
 * one stored item, JSON Schema or target output with such a key made every
 * list holding it answer 500. Our payloads are JSON values plus a few Dates,
 * so this format keeps superjson's envelope (`{ json, meta? }`: plain HTTP
 * callers that send `{"json": …}` and read `result.data.json` keep working)
 * and records what JSON cannot carry as a list of [path, tag] in `meta.tags`.
 * Paths are arrays of keys, never dot strings, so any key is fine; reading
 * follows own properties only and writing uses defineProperty, so no key can
 * reach a prototype. Lone surrogates and NUL need nothing: JSON text carries
 * them as \u escapes.
 */

type Tag = "Date" | "undefined" | "bigint" | "NaN" | "Infinity" | "-Infinity" | "Map" | "Set";
type PathKey = string | number;
type Annotation = [PathKey[], Tag];

export interface WirePayload {
  json: unknown;
  meta?: { tags: Annotation[] };
}

const TAGS = new Set<string>(["Date", "undefined", "bigint", "NaN", "Infinity", "-Infinity", "Map", "Set"]);

function setOwn(target: object, key: PathKey, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * `path` is the one array of keys down to `value`, pushed and popped on the
 * way (a tag takes a copy): answers are encoded on every poll, and a fresh
 * path per node was most of what encoding allocated.
 */
function encode(value: unknown, path: PathKey[], tags: Annotation[]): unknown {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      if (Number.isFinite(value)) return value;
      tags.push([[...path], Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity"]);
      return null;
    case "bigint":
      tags.push([[...path], "bigint"]);
      return value.toString();
    case "undefined":
      tags.push([[...path], "undefined"]);
      return null;
    case "function":
    case "symbol":
      return null;
  }
  if (value === null) return null;
  if (value instanceof Date) {
    tags.push([[...path], "Date"]);
    return Number.isNaN(value.getTime()) ? null : value.toISOString();
  }
  if (Array.isArray(value)) return value.map((item, index) => encodeAt(item, path, index, tags));
  if (value instanceof Map) {
    const entries = [...value.entries()].map(([k, v], index) => {
      path.push(index);
      const entry = [encodeAt(k, path, 0, tags), encodeAt(v, path, 1, tags)];
      path.pop();
      return entry;
    });
    tags.push([[...path], "Map"]);
    return entries;
  }
  if (value instanceof Set) {
    const items = [...value].map((item, index) => encodeAt(item, path, index, tags));
    tags.push([[...path], "Set"]);
    return items;
  }
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === "function") return encode(toJSON.call(value), path, tags);
  // A null-prototype object: assigning any key, even "__proto__", makes an own property.
  const out = Object.create(null) as Record<string, unknown>;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const child = record[key];
    // Like JSON and superjson: an object property that is undefined is left out.
    if (child === undefined) continue;
    out[key] = encodeAt(child, path, key, tags);
  }
  return out;
}

function encodeAt(value: unknown, path: PathKey[], key: PathKey, tags: Annotation[]): unknown {
  path.push(key);
  const encoded = encode(value, path, tags);
  path.pop();
  return encoded;
}

function decodeTag(value: unknown, tag: Tag): unknown {
  switch (tag) {
    case "Date":
      return new Date(typeof value === "string" ? value : Number.NaN);
    case "undefined":
      return undefined;
    case "bigint":
      return BigInt(String(value));
    case "NaN":
      return Number.NaN;
    case "Infinity":
      return Number.POSITIVE_INFINITY;
    case "-Infinity":
      return Number.NEGATIVE_INFINITY;
    case "Map":
      return new Map(Array.isArray(value) ? (value as [unknown, unknown][]) : []);
    case "Set":
      return new Set(Array.isArray(value) ? value : []);
  }
}

function isAnnotation(value: unknown): value is Annotation {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    Array.isArray(value[0]) &&
    (value[0] as unknown[]).every((key) => typeof key === "string" || (typeof key === "number" && Number.isInteger(key) && key >= 0)) &&
    typeof value[1] === "string" &&
    TAGS.has(value[1])
  );
}

export function serialize(value: unknown): WirePayload {
  const tags: Annotation[] = [];
  const json = encode(value, [], tags);
  return tags.length > 0 ? { json, meta: { tags } } : { json };
}

export function deserialize(payload: unknown): unknown {
  if (payload === null || typeof payload !== "object" || !Object.hasOwn(payload, "json")) return undefined;
  const { json, meta } = payload as WirePayload;
  const tags = meta !== null && typeof meta === "object" && Object.hasOwn(meta, "tags") && Array.isArray(meta.tags) ? meta.tags : [];
  let root = json;
  // Tags are listed children first, so a Map's entries are restored before the Map is built.
  for (const annotation of tags) {
    if (!isAnnotation(annotation)) throw new Error("The request's meta.tags are malformed.");
    const [path, tag] = annotation;
    if (path.length === 0) {
      root = decodeTag(root, tag);
      continue;
    }
    let parent: unknown = root;
    for (const key of path.slice(0, -1)) {
      if (parent === null || typeof parent !== "object" || !Object.hasOwn(parent, key)) throw new Error("The request's meta.tags name a path the data lacks.");
      parent = (parent as Record<PathKey, unknown>)[key];
    }
    const last = path[path.length - 1]!;
    if (parent === null || typeof parent !== "object" || parent instanceof Map || parent instanceof Set || !Object.hasOwn(parent, last)) {
      throw new Error("The request's meta.tags name a path the data lacks.");
    }
    setOwn(parent, last, decodeTag((parent as Record<PathKey, unknown>)[last], tag));
  }
  return root;
}

/** The transformer of the server, the dashboard and the typed client (all three must use this one). */
export const wireTransformer = { serialize, deserialize };

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * React Query's structural sharing without its one trap: its copy assigns
 * `copy[key] = …`, and for a key named `__proto__` that replaces the copy's
 * prototype instead of keeping the key, so a refetched value lost it. Same
 * idea (reuse every unchanged subtree so components skip re-rendering),
 * written with defineProperty.
 */
export function shareUnchanged(previous: unknown, next: unknown, depth = 0): unknown {
  if (previous === next) return previous;
  if (depth > 500) return next;
  if (Array.isArray(previous) && Array.isArray(next)) {
    let same = previous.length === next.length;
    const copy = next.map((item, index) => {
      const shared = shareUnchanged(previous[index], item, depth + 1);
      if (shared !== previous[index]) same = false;
      return shared;
    });
    return same ? previous : copy;
  }
  if (isPlainRecord(previous) && isPlainRecord(next)) {
    const keys = Object.keys(next);
    let same = Object.keys(previous).length === keys.length;
    const copy: Record<string, unknown> = Object.getPrototypeOf(next) === null ? (Object.create(null) as Record<string, unknown>) : {};
    for (const key of keys) {
      const had = Object.hasOwn(previous, key);
      const shared = had ? shareUnchanged(previous[key], next[key], depth + 1) : next[key];
      if (!had || shared !== previous[key]) same = false;
      setOwn(copy, key, shared);
    }
    return same ? previous : copy;
  }
  return next;
}
