/** The auth feature's React entry: sign-in, settings and the pieces pages compose. */
export { LoginForm } from "./login-form";
export { safeNextPath } from "./safe-next";
export { SettingsPage } from "./settings-page";
export { SignInRedirect } from "./sign-in-redirect";
