/** The auth feature's server entry: sessions, API-key checks and the sign-in rate limit (Node and the database). */
export { authenticate, refuseUnauthenticated } from "./authenticate";
export { authFailures, clientAddress } from "./rate-limit";
export {
  authEnabled,
  clearedSessionCookie,
  createSession,
  endSession,
  passwordMatches,
  readCookie,
  SESSION_COOKIE,
  sessionCookie,
  verifySession,
} from "./session";
