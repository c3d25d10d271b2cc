/** The targets feature's browser-safe entry: every kind's config schema, secrets masking and the call types. */
export * from "./schemas";
export { TargetError, type Target } from "./types";
export { maskUrlCredentials, urlHasMaskedCredential } from "./url-credentials";
