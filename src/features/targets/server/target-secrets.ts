import { readPath, writePath } from "@/lib/json-path";
import { openSecret, sealSecret } from "@/server/secrets";
import { mapTargetSecrets, SECRET_MASK, targetSecretPaths, targetUrlField, type TargetConfig } from "../schemas";
import { keepMaskedUrlCredentials } from "../url-credentials";

/** Encrypts a config's secrets for storage (already sealed values stay as they are). */
export function sealTargetSecrets(config: TargetConfig): TargetConfig {
  return mapTargetSecrets(config, sealSecret);
}

/** Decrypts a stored config's secrets, right before the target is called. */
export function openTargetSecrets(config: TargetConfig): TargetConfig {
  return mapTargetSecrets(config, openSecret);
}

/**
 * An edited config keeps the stored secret wherever the editor sent the mask
 * back unchanged (it never saw the real value).
 */
export function keepMaskedSecrets(next: TargetConfig, stored: TargetConfig | null): TargetConfig {
  // A mask with nothing stored behind it (a new target, a changed kind) is an error below.
  const copy = structuredClone(next) as Record<string, unknown>;
  for (const path of targetSecretPaths(next)) {
    const value = readPath(copy, path);
    if (!value.found || value.value !== SECRET_MASK) continue;
    const previous = stored ? readPath(stored, path) : { found: false as const };
    if (!previous.found || typeof previous.value !== "string") throw new Error(`${path.join(".")}: enter the secret value; there is no stored one to keep.`);
    writePath(copy, path, previous.value);
  }
  const field = targetUrlField(next);
  const url = field ? copy[field] : undefined;
  if (field && typeof url === "string") {
    const storedUrl = stored && targetUrlField(stored) === field ? (stored as Record<string, unknown>)[field] : null;
    try {
      copy[field] = keepMaskedUrlCredentials(url, typeof storedUrl === "string" ? storedUrl : null, SECRET_MASK);
    } catch (error) {
      throw new Error(`${field}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return copy as TargetConfig;
}
