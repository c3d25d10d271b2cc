import { Ajv, type AnySchema, type ErrorObject, type ValidateFunction, type Options } from "ajv";
import { Ajv2019 } from "ajv/dist/2019.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { compileSafeRegex } from "./safe-regex";

export type CompiledSchema = { ok: true; validate: ValidateFunction } | { ok: false; message: string };

/**
 * `pattern` and `patternProperties` in a user's schema run on the same
 * linear-time engine as the regex scorer: Ajv's default `new RegExp` would let
 * a schema hang the run on a crafted output.
 */
function safeRegExp(pattern: string): { test: (text: string) => boolean } {
  const compiled = compileSafeRegex(pattern);
  if (!compiled.ok) throw new Error(`pattern "${pattern}": ${compiled.message}`);
  return compiled.regex;
}
safeRegExp.code = "safeRegExp";

const options: Options = {
  // Report several violations, not only the first.
  allErrors: true,
  // Real-world schemas (OpenAPI, hand-written) carry keywords such as `example`
  // or `nullable`; strict mode would reject them. The meta-schema check below
  // still catches wrong keyword values.
  strict: false,
  validateSchema: true,
  logger: false,
  code: { regExp: safeRegExp },
};

function ajvFor(schema: AnySchema): Ajv {
  // A new instance per schema: Ajv caches every compiled schema by identity
  // and refuses two schemas with the same $id, neither of which suits schemas
  // that arrive with every run.
  const dialect = typeof schema === "object" && typeof schema.$schema === "string" ? schema.$schema : "";
  const ajv = dialect.includes("2020-12") ? new Ajv2020(options) : dialect.includes("2019-09") ? new Ajv2019(options) : new Ajv(options);
  addFormats(ajv);
  return ajv;
}

const cache = new Map<string, CompiledSchema>();
const CACHE_SIZE = 200;

/**
 * Compiles a JSON Schema once per distinct schema text: configs are parsed
 * again whenever a run is read, and compiling generates code.
 */
export function compileJsonSchema(schema: AnySchema): CompiledSchema {
  const key = JSON.stringify(schema);
  const cached = cache.get(key);
  if (cached) return cached;
  let result: CompiledSchema;
  try {
    if (typeof schema === "object" && typeof schema.$schema === "string" && /draft-0[34]/.test(schema.$schema)) {
      throw new Error("draft-04 and older are not supported; use draft-07, 2019-09 or 2020-12");
    }
    result = { ok: true, validate: ajvFor(schema).compile(schema) };
  } catch (error) {
    result = { ok: false, message: `is not a valid JSON Schema: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, result);
  return result;
}

/** `$.items[0].name must be string`: one line per violation. */
export function describeViolation(error: ErrorObject): string {
  const where =
    error.instancePath === ""
      ? "$"
      : `$${error.instancePath
          .replace(/\/(\d+)(?=\/|$)/g, "[$1]")
          .replace(/\//g, ".")
          .replace(/~1/g, "/")
          .replace(/~0/g, "~")}`;
  const params = error.params as Record<string, unknown>;
  let message = error.message ?? error.keyword;
  if (error.keyword === "additionalProperties" && typeof params.additionalProperty === "string") message += ` ("${params.additionalProperty}")`;
  if (error.keyword === "enum" && Array.isArray(params.allowedValues)) message += `: ${JSON.stringify(params.allowedValues).slice(0, 100)}`;
  return `${where} ${message}`;
}
