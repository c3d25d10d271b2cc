/**
 * The domain error: services throw it, one tRPC middleware maps its code to a
 * tRPC code (src/server/trpc.ts). Services never import tRPC.
 */
/**
 * The codes are tRPC's names, so the middleware passes them on unchanged.
 * UNAUTHORIZED: no valid credentials; FORBIDDEN: credentials, but the request
 * is refused (src/features/auth/server/authenticate.ts).
 * SERVICE_UNAVAILABLE: the request may succeed if sent again (503), e.g. the database stayed busy (src/server/db-busy.ts).
 */
export const APP_ERROR_CODES = [
  "NOT_FOUND",
  "BAD_REQUEST",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "CONFLICT",
  "PRECONDITION_FAILED",
  "TOO_MANY_REQUESTS",
  "SERVICE_UNAVAILABLE",
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Which input field the error is about, when it is about one. */
  readonly field?: string;

  constructor(code: AppErrorCode, message: string, options?: { field?: string; cause?: unknown }) {
    super(message, { cause: options?.cause });
    this.name = "AppError";
    this.code = code;
    this.field = options?.field;
  }
}

export function notFound(what: string, id: string): AppError {
  return new AppError("NOT_FOUND", `${what} "${id}" was not found.`);
}

export function badRequest(message: string, field?: string): AppError {
  return new AppError("BAD_REQUEST", message, { field });
}

export function conflict(message: string, field?: string): AppError {
  return new AppError("CONFLICT", message, { field });
}

/**
 * A request without a principal while auth is on: the same refusal from the
 * API's middleware (./trpc.ts) and from route handlers
 * (src/features/auth/server/authenticate.ts).
 */
export function signInRequired(): AppError {
  return new AppError("UNAUTHORIZED", "Sign in to the dashboard, or send an API key as Authorization: Bearer <key>.");
}

/**
 * The HTTP status of each domain error code: the one map, for every answer
 * outside tRPC (route handlers, the import route, authentication). tRPC
 * answers a domain error with the status of the tRPC code of the same name;
 * errors.test.ts holds the two equal for every code.
 */
const HTTP_STATUS: Record<AppErrorCode, number> = {
  NOT_FOUND: 404,
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  TOO_MANY_REQUESTS: 429,
  SERVICE_UNAVAILABLE: 503,
};

export function httpStatusOf(error: AppError): number {
  return HTTP_STATUS[error.code];
}

/** Headers that go with a domain error's answer: a retryable one says when to try again. */
export function httpHeadersOf(error: AppError): Record<string, string> | undefined {
  return error.code === "SERVICE_UNAVAILABLE" ? { "Retry-After": "1" } : undefined;
}

/** A domain error as a route handler's JSON answer, with its status and headers; `body` defaults to `{ error: message }`. */
export function appErrorResponse(error: AppError, body: object = { error: error.message }): Response {
  return Response.json(body, { status: httpStatusOf(error), headers: httpHeadersOf(error) });
}
