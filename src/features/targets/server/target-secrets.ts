import { openSecret, sealSecret } from "@/server/secrets";
import { mapTargetSecrets, SECRET_MASK, targetSecretPaths, type TargetConfig } from "../schemas";

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
    let node = copy;
    let old: unknown = stored;
    for (const key of path.slice(0, -1)) {
      node = node[key] as Record<string, unknown>;
      old = (old as Record<string, unknown> | undefined)?.[key];
    }
    const last = path[path.length - 1]!;
    if (node[last] === SECRET_MASK) {
      const previous = (old as Record<string, unknown> | undefined)?.[last];
      if (typeof previous !== "string") throw new Error(`${path.join(".")}: enter the secret value; there is no stored one to keep.`);
      node[last] = previous;
    }
  }
  return copy as TargetConfig;
}
