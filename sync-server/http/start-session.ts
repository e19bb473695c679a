import type { Request, Response } from "express";
import { AppError } from "../../shared/errors.ts";
import { newId } from "../../shared/ids.ts";
import type { Pool } from "../db.ts";
import { insertSession, touchSession } from "../queries/sessions.ts";
import {
  csrfTokenFor,
  newSessionSecret,
  sessionAbsoluteSeconds,
  sessionCookie,
  sessionIdleSeconds,
  setSessionViewer,
} from "./viewer-auth.ts";

function setSessionCookie(req: Request, res: Response, secret: string): void {
  res.cookie(sessionCookie, secret, {
    httpOnly: true,
    // Strict: another site cannot make the browser send it. After a single sign-on callback the
    // dashboard's own requests (same site) carry it.
    sameSite: "strict",
    // Secure whenever the request came over https (directly or via the municipal proxy); the
    // LAN set-up without TLS would otherwise never log in.
    secure: req.secure,
    path: "/",
    maxAge: sessionAbsoluteSeconds * 1000,
  });
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
  setSessionCookie(req, res, secret);
  const session = await touchSession(pool, hash, sessionIdleSeconds);
  if (!session) throw new AppError("internal");
  setSessionViewer(res, session);
  return { csrfToken: csrfTokenFor(secret) };
}
