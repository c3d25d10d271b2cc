import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { describe, expect, it } from "vitest";
import { APP_ERROR_CODES, AppError, appErrorResponse, httpStatusOf, signInRequired } from "./errors";
import { createCallerFactory, createContext, createTRPCRouter, protectedProcedure } from "./trpc";

describe("httpStatusOf", () => {
  it("gives every domain error code the status tRPC gives the code of the same name", () => {
    for (const code of APP_ERROR_CODES) {
      expect(httpStatusOf(new AppError(code, "x")), code).toBe(getHTTPStatusCodeFromError(new TRPCError({ code })));
    }
  });

  it("answers route handlers with the status, the retry hint and the body", async () => {
    const busy = appErrorResponse(new AppError("SERVICE_UNAVAILABLE", "busy"));
    expect(busy.status).toBe(503);
    expect(busy.headers.get("retry-after")).toBe("1");
    expect(await busy.json()).toEqual({ error: "busy" });
    const missing = appErrorResponse(new AppError("NOT_FOUND", "gone", { field: "id" }), { ok: false, error: "gone" });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("retry-after")).toBeNull();
    expect(await missing.json()).toEqual({ ok: false, error: "gone" });
  });

  it("refuses an anonymous API call with auth on as UNAUTHORIZED (401), with the sign-in message", async () => {
    const router = createTRPCRouter({ ping: protectedProcedure.query(() => "pong") });
    const caller = createCallerFactory(router)(createContext({ principal: { kind: "anonymous" }, authRequired: true }));
    const refused = await caller.ping().then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe("UNAUTHORIZED");
    expect((refused as TRPCError).message).toBe(signInRequired().message);
    expect(getHTTPStatusCodeFromError(refused as TRPCError)).toBe(401);
  });
});
