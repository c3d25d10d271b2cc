import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { processSingleton } from "@/lib/process-singleton";
import { env, sqliteFilePath } from "./env";

/**
 * Secrets in stored configuration (API keys, auth headers) are encrypted at
 * rest with AES-256-GCM. The key comes from TRIALRUN_SECRET_KEY (32 bytes,
 * base64 or hex); without it, a key is generated once into `secret.key` next
 * to the SQLite file (mode 0600) so the embedded default needs no setup.
 */
const PREFIX = "enc:v1:";
export const SECRET_MASK = "••••••";

function decodeKey(raw: string): Buffer {
  const trimmed = raw.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (key.length !== 32) throw new Error("TRIALRUN_SECRET_KEY: expected 32 bytes, as 64 hex characters or base64");
  return key;
}

function loadKey(): Buffer {
  if (env.TRIALRUN_SECRET_KEY) return decodeKey(env.TRIALRUN_SECRET_KEY);
  const file = path.join(path.dirname(sqliteFilePath()), "secret.key");
  if (fs.existsSync(file)) return decodeKey(fs.readFileSync(file, "utf8"));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = crypto.randomBytes(32);
  try {
    fs.writeFileSync(file, key.toString("base64"), { mode: 0o600, flag: "wx" });
  } catch {
    // Another process created it first: use theirs.
    return decodeKey(fs.readFileSync(file, "utf8"));
  }
  return key;
}

const secretKey = () => processSingleton("secretKey", loadKey);

/** The instance's secret key, for deriving other keys (e.g. session signatures). */
export function secretKeyBytes(): Buffer {
  return secretKey();
}

export function isSealed(value: string): boolean {
  return value.startsWith(PREFIX);
}

export function sealSecret(plain: string): string {
  if (isSealed(plain)) return plain;
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", secretKey(), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), data]).toString("base64");
}

export function openSecret(value: string): string {
  if (!isSealed(value)) return value;
  const raw = Buffer.from(value.slice(PREFIX.length), "base64");
  const decipher = crypto.createDecipheriv("aes-256-gcm", secretKey(), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("A stored secret cannot be decrypted: TRIALRUN_SECRET_KEY (or data/secret.key) is not the key it was saved with.");
  }
}
