/*
 * Credentials a user put inside a target's URL: the password of
 * `https://user:pass@host` (or the user part alone, `https://TOKEN@host`) and
 * query values whose name says they are secret (`?api_key=…`, `token`,
 * `signature`, …). Responses show them as the mask, like header secrets, and
 * an edit that sends the mask back keeps the stored part. The URL is edited as
 * text, not through `new URL()`, so every other byte stays as the user wrote it.
 */

/** Query parameter names that carry a credential. */
const SECRET_PARAM =
  /(^|[_-])(key|apikey|api[_-]?key|token|secret|password|passwd|pwd|auth|authorization|sig|signature|credential|credentials|session|access[_-]?token)$|^(key|code|sig|token)$/i;

interface UrlParts {
  /** `https://` */
  scheme: string;
  /** The userinfo before `@`, or null. */
  userinfo: string | null;
  /** Host, port and path. */
  rest: string;
  /** Query pairs as written (without `?`), or null when there is no `?`. */
  query: string[] | null;
  /** `#…`, or "". */
  hash: string;
}

function splitUrl(url: string): UrlParts | null {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url);
  if (!scheme) return null;
  let rest = url.slice(scheme[0].length);
  let hash = "";
  const hashAt = rest.indexOf("#");
  if (hashAt >= 0) {
    hash = rest.slice(hashAt);
    rest = rest.slice(0, hashAt);
  }
  let query: string[] | null = null;
  const queryAt = rest.indexOf("?");
  if (queryAt >= 0) {
    query = rest.slice(queryAt + 1).split("&");
    rest = rest.slice(0, queryAt);
  }
  let userinfo: string | null = null;
  const authorityEnd = rest.search(/[/]/);
  const authority = authorityEnd >= 0 ? rest.slice(0, authorityEnd) : rest;
  const at = authority.lastIndexOf("@");
  if (at >= 0) {
    userinfo = authority.slice(0, at);
    rest = rest.slice(at + 1);
  }
  return { scheme: scheme[0], userinfo, rest, query, hash };
}

function joinUrl(parts: UrlParts): string {
  return `${parts.scheme}${parts.userinfo === null ? "" : `${parts.userinfo}@`}${parts.rest}${parts.query === null ? "" : `?${parts.query.join("&")}`}${parts.hash}`;
}

function paramName(pair: string): string {
  const eq = pair.indexOf("=");
  const raw = eq >= 0 ? pair.slice(0, eq) : pair;
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return raw;
  }
}

type Credential = { where: "user" | "password" } | { where: "param"; name: string; occurrence: number };

/**
 * Passes each credential of `url` through `fn` and returns the URL with the
 * results in their places; `fn` also learns which credential it is.
 */
export function mapUrlCredentials(url: string, fn: (value: string, credential: Credential) => string): string {
  const parts = splitUrl(url);
  if (!parts) return url;
  if (parts.userinfo !== null && parts.userinfo !== "") {
    const colon = parts.userinfo.indexOf(":");
    if (colon >= 0) {
      const password = parts.userinfo.slice(colon + 1);
      if (password !== "") parts.userinfo = `${parts.userinfo.slice(0, colon + 1)}${fn(password, { where: "password" })}`;
    } else parts.userinfo = fn(parts.userinfo, { where: "user" });
  }
  if (parts.query) {
    const seen = new Map<string, number>();
    parts.query = parts.query.map((pair) => {
      const eq = pair.indexOf("=");
      if (eq < 0) return pair;
      const name = paramName(pair);
      const occurrence = seen.get(name) ?? 0;
      seen.set(name, occurrence + 1);
      const value = pair.slice(eq + 1);
      if (value === "" || !SECRET_PARAM.test(name)) return pair;
      return `${pair.slice(0, eq + 1)}${fn(value, { where: "param", name, occurrence })}`;
    });
  }
  return joinUrl(parts);
}

/** The credentials of `url`, keyed like `mapUrlCredentials` reports them. */
function credentialsOf(url: string): Map<string, string> {
  const found = new Map<string, string>();
  mapUrlCredentials(url, (value, credential) => {
    found.set(credentialKey(credential), value);
    return value;
  });
  return found;
}

function credentialKey(credential: Credential): string {
  return credential.where === "param" ? `param:${credential.name}:${credential.occurrence}` : credential.where;
}

function describe(credential: Credential): string {
  if (credential.where === "param") return `the "${credential.name}" parameter`;
  return credential.where === "password" ? "the password" : "the user name";
}

/** `url` with every credential replaced by `mask`. */
export function maskUrlCredentials(url: string, mask: string): string {
  return mapUrlCredentials(url, () => mask);
}

/**
 * `next` with each credential that is the mask replaced by the same
 * credential of `stored`; throws when `stored` has none to keep.
 */
export function keepMaskedUrlCredentials(next: string, stored: string | null | undefined, mask: string): string {
  if (!next.includes(mask)) return next;
  const previous = typeof stored === "string" ? credentialsOf(stored) : new Map<string, string>();
  return mapUrlCredentials(next, (value, credential) => {
    if (value !== mask) return value;
    const kept = previous.get(credentialKey(credential));
    if (kept === undefined) throw new Error(`enter ${describe(credential)} in the URL; there is no stored one to keep.`);
    return kept;
  });
}

/** Whether a credential of `url` is still the mask. */
export function urlHasMaskedCredential(url: string, mask: string): boolean {
  let masked = false;
  mapUrlCredentials(url, (value) => {
    if (value === mask) masked = true;
    return value;
  });
  return masked;
}
