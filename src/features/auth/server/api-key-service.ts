import crypto from "node:crypto";
import { db } from "@/server/db";
import { AppError, notFound } from "@/server/errors";
import type { ApiKeyDto } from "../schemas";

const KEY_PREFIX = "trk_";
/** lastUsedAt is written at most this often per key, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

function hashKey(key: string): string {
  return crypto.createHash("sha256").update(key).digest("hex");
}

const select = { id: true, name: true, prefix: true, lastUsedAt: true, revokedAt: true, createdAt: true } as const;

export async function listApiKeys(): Promise<ApiKeyDto[]> {
  return db.apiKey.findMany({ orderBy: { createdAt: "desc" }, select, take: 500 });
}

/** A new key: 32 random bytes. Returned in full only here. */
export async function createApiKey(name: string): Promise<ApiKeyDto & { key: string }> {
  // Two live keys with one name cannot be told apart in the list (which one does CI use?).
  const taken = await db.apiKey.findFirst({ where: { name, revokedAt: null }, select: { id: true } });
  if (taken) throw new AppError("CONFLICT", `An API key named “${name}” already exists; choose another name, or revoke that key first.`, { field: "name" });
  const key = KEY_PREFIX + crypto.randomBytes(32).toString("base64url");
  const row = await db.apiKey.create({ data: { name, prefix: key.slice(0, KEY_PREFIX.length + 6), hash: hashKey(key) }, select });
  return { ...row, key };
}

export async function revokeApiKey(id: string): Promise<ApiKeyDto> {
  const existing = await db.apiKey.findUnique({ where: { id }, select: { revokedAt: true } });
  if (!existing) throw notFound("API key", id);
  if (existing.revokedAt) throw new AppError("CONFLICT", "This API key is already revoked.");
  return db.apiKey.update({ where: { id }, data: { revokedAt: new Date() }, select });
}

/** The key's id when it is valid and not revoked; null otherwise. */
export async function verifyApiKey(key: string): Promise<string | null> {
  if (!key.startsWith(KEY_PREFIX) || key.length > 200) return null;
  const row = await db.apiKey.findUnique({ where: { hash: hashKey(key) }, select: { id: true, revokedAt: true, lastUsedAt: true } });
  if (!row || row.revokedAt) return null;
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return row.id;
}
