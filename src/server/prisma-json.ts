import { Prisma } from "@/generated/prisma/client";
import type { JsonValue } from "@/lib/json";

/** Prisma wants DbNull (SQL NULL) for an absent value in a nullable Json column. */
export function nullableJson(value: JsonValue | null | undefined): Prisma.InputJsonValue | typeof Prisma.DbNull {
  if (value === undefined || value === null) return Prisma.DbNull;
  return value as Prisma.InputJsonValue;
}

export function requiredJson(value: JsonValue): Prisma.InputJsonValue | typeof Prisma.JsonNull {
  if (value === null) return Prisma.JsonNull;
  return value as Prisma.InputJsonValue;
}
