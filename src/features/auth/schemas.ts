import { z } from "zod";

export const loginInput = z.object({ password: z.string().min(1, "Password is required").max(1000) });

export const createApiKeyInput = z.object({
  name: z.string().trim().min(1, "Name is required").max(100, "Name must be at most 100 characters"),
});

export const apiKeyOutput = z.object({
  id: z.string(),
  name: z.string(),
  /** The first characters of the key. */
  prefix: z.string(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  createdAt: z.date(),
});
export type ApiKeyDto = z.infer<typeof apiKeyOutput>;

export const createdApiKeyOutput = apiKeyOutput.extend({
  /** The key itself: shown this once, never again. */
  key: z.string(),
});

export const authStatusOutput = z.object({
  /** Whether this server asks for a password / API key at all. */
  enabled: z.boolean(),
  /** How the current caller is known. */
  principal: z.enum(["anonymous", "session", "api-key", "local"]),
});
