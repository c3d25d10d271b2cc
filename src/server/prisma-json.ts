import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { fromStoredJson, toStoredJson, wellFormedText, type JsonValue } from "@/lib/json";

/** Prisma wants DbNull (SQL NULL) for an absent value in a nullable Json column. */
export function nullableJson(value: JsonValue | null | undefined): Prisma.InputJsonValue | typeof Prisma.DbNull {
  if (value === undefined || value === null) return Prisma.DbNull;
  return value as Prisma.InputJsonValue;
}

export function requiredJson(value: JsonValue): Prisma.InputJsonValue | typeof Prisma.JsonNull {
  if (value === null) return Prisma.JsonNull;
  return value as Prisma.InputJsonValue;
}

interface ModelShape {
  /** Json columns. */
  json: Set<string>;
  /** String columns. */
  text: Set<string>;
  /** Relation field → the related model. */
  relations: Map<string, string>;
}

type RuntimeDataModel = { models: Record<string, { fields: { name: string; kind: string; type: string }[] }> };

function modelShapes(client: PrismaClient): Map<string, ModelShape> {
  const dataModel = (client as unknown as { _runtimeDataModel?: RuntimeDataModel })._runtimeDataModel;
  if (!dataModel?.models) throw new Error("The Prisma client exposes no data model; src/server/prisma-json.ts needs updating for this Prisma version.");
  const shapes = new Map<string, ModelShape>();
  for (const [name, model] of Object.entries(dataModel.models)) {
    const shape: ModelShape = { json: new Set(), text: new Set(), relations: new Map() };
    for (const field of model.fields) {
      if (field.kind === "object") shape.relations.set(field.name, field.type);
      else if (field.type === "Json") shape.json.add(field.name);
      else if (field.type === "String") shape.text.add(field.name);
    }
    shapes.set(name, shape);
  }
  return shapes;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Applies the storage rule (see toStoredJson in src/lib/json.ts) to write
 * arguments: Json fields are wrapped when they cannot be stored as they are,
 * and text fields get lone surrogates and NUL replaced (wellFormedText: the
 * engine refuses a lone surrogate in any argument, PostgreSQL a NUL in text). Nested writes (`create`, `update`, `data`, … under a relation)
 * are followed. Prisma's null markers (DbNull, JsonNull) are class instances
 * and pass unchanged.
 */
function encodeWrite(shapes: Map<string, ModelShape>, model: string, data: unknown): unknown {
  if (Array.isArray(data)) return data.map((row) => encodeWrite(shapes, model, row));
  if (!isPlainObject(data)) return data;
  const shape = shapes.get(model);
  if (!shape) return data;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(data)) {
    const value = data[key];
    let next = value;
    if (shape.json.has(key)) next = typeof value !== "object" || isPlainObject(value) || Array.isArray(value) ? toStoredJson(value) : value;
    else if (shape.text.has(key) && typeof value === "string") next = wellFormedText(value);
    else if (shape.relations.has(key)) next = encodeNested(shapes, shape.relations.get(key)!, value);
    Object.defineProperty(out, key, { value: next, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Inside a relation: `{ create: {...}, update: { where, data }, createMany: { data: [...] }, upsert: { where, create, update } }`. */
function encodeNested(shapes: Map<string, ModelShape>, model: string, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => encodeNested(shapes, model, v));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const inner = value[key];
    let next = inner;
    if (key === "create" || key === "update" || key === "data") {
      // Either the row itself, or a wrapper such as `{ where, data }`.
      next = isPlainObject(inner) && ("where" in inner || "data" in inner) ? encodeNested(shapes, model, inner) : encodeWrite(shapes, model, inner);
    } else if (key === "createMany" || key === "upsert" || key === "connectOrCreate" || key === "updateMany") {
      next = encodeNested(shapes, model, inner);
    }
    out[key] = next;
  }
  return out;
}

/** Unwraps stored Json fields of result rows, following included relations. Rows are fresh objects, changed in place. */
function decodeRead(shapes: Map<string, ModelShape>, model: string, result: unknown): unknown {
  if (Array.isArray(result)) {
    for (const row of result) decodeRead(shapes, model, row);
    return result;
  }
  if (result === null || typeof result !== "object" || result instanceof Date) return result;
  const shape = shapes.get(model);
  if (!shape) return result;
  const row = result as Record<string, unknown>;
  for (const key of Object.keys(row)) {
    if (shape.json.has(key)) {
      const value = row[key];
      if (value !== null && typeof value === "object") row[key] = fromStoredJson(value);
    } else if (shape.relations.has(key)) decodeRead(shapes, shape.relations.get(key)!, row[key]);
  }
  return result;
}

const WRITE_ARGS = ["data", "create", "update"] as const;

/**
 * The Prisma client with the JSON storage rule applied to every model
 * operation, so no call site has to remember it: writes store values that
 * the engine cannot carry in their wrapped form, reads unwrap them. Raw SQL
 * writes encode JSON columns in src/server/bulk-insert.ts, which applies the
 * same rule.
 */
export function withStoredJson(client: PrismaClient): PrismaClient {
  const shapes = modelShapes(client);
  const extended = client.$extends({
    query: {
      $allModels: {
        async $allOperations({ model, args, query }) {
          let next = args as Record<string, unknown> | undefined;
          if (next && typeof next === "object") {
            for (const key of WRITE_ARGS) {
              if (key in next) next = { ...next, [key]: encodeWrite(shapes, model, next[key]) };
            }
          }
          return decodeRead(shapes, model, await query(next as typeof args));
        },
      },
    },
  });
  // A query extension changes no types: the extended client has the same API.
  return extended as unknown as PrismaClient;
}
