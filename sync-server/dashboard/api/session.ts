import { ApiError, getJson, send, sendJson, setCsrfToken } from "./http.ts";
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

export async function logOut(): Promise<void> {
  await send("DELETE", "/api/v1/session");
  setCsrfToken(null);
}
