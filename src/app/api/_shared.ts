import { refuseUnauthenticated } from "@/features/auth/server";
import type { ExportFormat } from "@/lib/export-stream";
import { databaseBusy, isDatabaseBusy } from "@/server/db-busy";
import { AppError, appErrorResponse } from "@/server/errors";

export function exportFormat(url: URL): ExportFormat | null {
  const format = url.searchParams.get("format") ?? "csv";
  return format === "csv" || format === "json" || format === "jsonl" ? format : null;
}

export function badFormat(): Response {
  return Response.json({ error: "format: expected csv, json or jsonl", field: "format" }, { status: 400 });
}

/** Domain errors of route handlers as JSON responses, like the API's. */
export function errorResponse(error: unknown): Response {
  const known = error instanceof AppError ? error : isDatabaseBusy(error) ? databaseBusy(error) : null;
  if (known) {
    return appErrorResponse(known, { error: known.message, field: known.field ?? null });
  }
  throw error;
}

export function safeFileName(name: string): string {
  return (
    name
      .replace(/[^\w.-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80) || "export"
  );
}

function badEncoding(): Response {
  return Response.json({ error: "id: the URL holds an invalid percent-encoding (such as %FF)", field: "id" }, { status: 400 });
}

/**
 * The route's `[id]`, or a 400 response when the URL cannot be decoded: an
 * invalid percent-encoding such as `%FF` is the caller's mistake, not a 500.
 */
export async function routeId(req: Request, params: Promise<{ id: string }>): Promise<{ id: string } | Response> {
  for (const segment of new URL(req.url).pathname.split("/")) {
    try {
      decodeURIComponent(segment);
    } catch {
      return badEncoding();
    }
  }
  try {
    const { id } = await params;
    return { id };
  } catch {
    return badEncoding();
  }
}

/**
 * How an export of one dataset or run starts: the caller is signed in (or
 * holds an API key), the route's id decodes, and ?format= is known. The first
 * check that fails is the answer.
 */
export async function exportRequest(req: Request, params: Promise<{ id: string }>): Promise<Response | { id: string; url: URL; format: ExportFormat }> {
  const refused = await refuseUnauthenticated(req);
  if (refused) return refused;
  const route = await routeId(req, params);
  if (route instanceof Response) return route;
  const url = new URL(req.url);
  const format = exportFormat(url);
  if (!format) return badFormat();
  return { id: route.id, url, format };
}
