import type { Target } from "./types";

export function createEchoTarget(): Target {
  return {
    call: (request) => Promise.resolve({ output: request.input }),
  };
}
