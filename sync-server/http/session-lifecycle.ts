import type { Request, Response } from "express";
import { AppError } from "../../shared/errors.ts";
import { newId } from "../../shared/ids.ts";
import type { Pool } from "../db.ts";
import { deleteSession, insertSession, touchSession } from "../queries/sessions.ts";
import { hashSecret } from "../secrets.ts";
import {
  checkCsrf,
  csrfTokenFor,
  newSessionSecret,
  sessionAbsoluteSeconds,
  sessionCookie,
  sessionIdleSeconds,
  sessionSecretOf,
  setSessionViewer,
} from "./viewer-auth.ts";

function cookieOptions(req: Request) {
  return {
    httpOnly: true,
    // Strict: another site cannot make the browser send it. After a single sign-on callback the
    // dashboard's own requests (same site) carry it.
    sameSite: "strict",
    // Secure whenever the request came over https (directly or via the municipal proxy); the
    // LAN set-up without TLS would otherwise never log in.
    secure: req.secure,
    path: "/",
  } as const;
}

/**
 * Starts a dashboard session for a user whose identity was just proven (a password, or an
 * identity provider's token): the row, the cookie, and the viewer on res.locals, exactly as
 * GET /session then sees them. Returns the CSRF token the page needs for writes.
 */
export async function startSession(
  pool: Pool,
  req: Request,
  res: Response,
  user: { municipalityId: string; id: string },
): Promise<{ csrfToken: string }> {
  const { secret, hash } = newSessionSecret();
  await insertSession(pool, {
    municipalityId: user.municipalityId,
    id: newId(),
    userId: user.id,
    tokenHash: hash,
    idleSeconds: sessionIdleSeconds,
    absoluteSeconds: sessionAbsoluteSeconds,
    userAgent: req.get("user-agent") ?? null,
    ip: req.ip ?? null,
  });
  res.cookie(sessionCookie, secret, {
    ...cookieOptions(req),
    maxAge: sessionAbsoluteSeconds * 1000,
  });
  const session = await touchSession(pool, hash, sessionIdleSeconds);
  if (!session) throw new AppError("internal");
  setSessionViewer(res, session);
  return { csrfToken: csrfTokenFor(secret) };
}

/**
 * Ends the request's session, if it has a live one (a write: the CSRF check applies), and
 * clears the cookie. Logging out of a session that has already expired is not an error.
 */
export async function endSession(pool: Pool, req: Request, res: Response): Promise<void> {
  const secret = sessionSecretOf(req);
  const hash = secret ? hashSecret(secret) : undefined;
  if (secret && hash && (await touchSession(pool, hash, sessionIdleSeconds))) {
    checkCsrf(req, secret);
    await deleteSession(pool, hash);
  }
  res.clearCookie(sessionCookie, cookieOptions(req));
}
