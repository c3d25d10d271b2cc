/** The targets feature's server entry: calling a target (with retries), saved targets and their secrets. */
export { callWithRetries } from "../call-with-retries";
export { chatCompletion, type ChatResponse } from "../openai-client";
export { createTarget } from "../registry";
export { keepMaskedSecrets, openTargetSecrets, sealTargetSecrets } from "./target-secrets";
export { savedTargetConfig } from "./target-service";
