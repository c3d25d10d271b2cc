/**
 * Where to go after signing in: a path on this site only. Anything else
 * (another origin, `//host`, a backslash trick) falls back to the home page,
 * so a crafted /login link cannot send a person elsewhere.
 */
export function safeNextPath(next: string | string[] | null | undefined): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return "/";
  if (value === "/login" || value.startsWith("/login?") || value.startsWith("/api/")) return "/";
  return value;
}
