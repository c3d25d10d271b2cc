import { z } from "zod";
import { idInput } from "@/lib/api-schemas";
import { createTRPCRouter, mutation, openProcedure, protectedProcedure } from "@/server/trpc";
import { apiKeyOutput, authStatusOutput, createApiKeyInput, createdApiKeyOutput } from "../schemas";
import { createApiKey, listApiKeys, revokeApiKey } from "./api-key-service";

export const authRouter = createTRPCRouter({
  /** Whether this server asks for sign-in, and how the caller is known. */
  status: openProcedure.output(authStatusOutput).query(({ ctx }) => ({
    enabled: ctx.authRequired,
    principal: ctx.principal.kind,
  })),
});

export const apiKeysRouter = createTRPCRouter({
  list: protectedProcedure.output(z.array(apiKeyOutput)).query(() => listApiKeys()),
  create: mutation(createApiKeyInput, createdApiKeyOutput, ({ name }) => createApiKey(name)),
  revoke: mutation(idInput, apiKeyOutput, ({ id }) => revokeApiKey(id)),
});
