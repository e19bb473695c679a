import type {
  SsoLogoutReply,
  SsoProviderButton,
  SsoProvidersReply,
} from "../../../shared/sso-contract.ts";
import { ApiError, getJson, sendJson, setCsrfToken } from "./http.ts";
import type { Session } from "./types.ts";

/** Who is logged in, or null when nobody is (401). */
export async function currentSession(): Promise<Session | null> {
  try {
    const session = await getJson<Session>("session");
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export async function logIn(email: string, password: string): Promise<Session> {
  const session = await sendJson<Session>("POST", "session", { email, password });
  setCsrfToken(session.csrfToken);
  return session;
}

/**
 * Ends the session; someone who came through their municipality's OpenID provider is sent on
 * there to log out of it too (RP-initiated log-out).
 */
export async function logOut(): Promise<void> {
  const reply = await sendJson<SsoLogoutReply>("POST", "sso/logout");
  setCsrfToken(null);
  if (reply.redirectTo) window.location.assign(reply.redirectTo);
}

/** The "Log ind med …" buttons; none when no provider is set up (or the call fails). */
export async function ssoProviders(): Promise<SsoProviderButton[]> {
  try {
    return (await getJson<SsoProvidersReply>("sso/providers")).providers;
  } catch {
    return [];
  }
}
