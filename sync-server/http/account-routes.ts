import express, { type Response, type Router } from "express";
import { z } from "zod";
import { AppError } from "../../shared/errors.ts";
import type { Pool } from "../db.ts";
import { deleteUserSessions, listUserSessions } from "../queries/sessions.ts";
import { findPasswordHash, setPasswordHash } from "../queries/users.ts";
import { hashPassword, verifyPassword } from "../secrets.ts";
import { audit } from "./audit-trail.ts";
import { throughGate } from "./hashing-gate.ts";
import type { PasswordServices } from "./session-routes.ts";
import { requireViewer, sessionCookie, viewerOf } from "./viewer-auth.ts";

/** The shortest password a person may choose (the CLI's rule too). */
export const minPasswordLength = 12;

const passwordChange = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().max(1024),
});
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

/** The logged-in person (cookie session): API tokens have no sessions or password. */
function ownSession(res: Response) {
  const viewer = viewerOf(res);
  if (!viewer.userId || !viewer.sessionId) {
    throw new AppError("forbidden", "Only a logged-in person has sessions and a password.");
  }
  return {
    municipalityId: viewer.municipalityId,
    userId: viewer.userId,
    sessionId: viewer.sessionId,
  };
}

function clearSessionCookie(res: Response, secure: boolean): void {
  res.clearCookie(sessionCookie, { httpOnly: true, sameSite: "strict", secure, path: "/" });
}

/** /api/v1/account: one's own sessions (list, end one, log out everywhere) and password. */
export function accountRoutes(pool: Pool, passwords: PasswordServices): Router {
  const router = express.Router();
  router.use(requireViewer(pool), express.json({ limit: "16kb" }));

  router.get("/sessions", async (_req, res) => {
    const own = ownSession(res);
    const sessions = await listUserSessions(pool, own);
    res.set("Cache-Control", "no-store").json({
      sessions: sessions.map((session) => ({ ...session, current: session.id === own.sessionId })),
    });
  });

  // Log out everywhere: every session of this person ends, this one too.
  router.delete("/sessions", async (req, res) => {
    const own = ownSession(res);
    const ended = await deleteUserSessions(pool, own);
    await audit(pool, req, res, { action: "session.logged_out_everywhere", details: { ended } });
    clearSessionCookie(res, req.secure);
    res.status(204).end();
  });

  router.delete("/sessions/:id", async (req, res) => {
    const own = ownSession(res);
    const id = uuid.safeParse(req.params.id);
    const ended = id.success ? await deleteUserSessions(pool, own, { sessionId: id.data }) : 0;
    if (ended === 0) throw new AppError("not_found", "You have no session with that id.");
    await audit(pool, req, res, { action: "session.ended", targetId: id.data ?? null });
    if (id.data === own.sessionId) clearSessionCookie(res, req.secure);
    res.status(204).end();
  });

  // Changing one's password ends every other session (a thief's too), and keeps this one.
  router.put("/password", async (req, res) => {
    const own = ownSession(res);
    const parsed = passwordChange.safeParse(req.body ?? {});
    if (!parsed.success) {
      throw new AppError("invalid_request", 'Send {"currentPassword": "…", "newPassword": "…"}.');
    }
    const { currentPassword, newPassword } = parsed.data;
    if (newPassword.length < minPasswordLength) throw new AppError("weak_password");
    // Guessing the current password from a stolen session is throttled like a log-in.
    const account = viewerOf(res).label ?? own.userId;
    // Counted as a failure now (parallel guesses), cleared again on success.
    const wait = await passwords.throttle.attempt(account);
    if (wait > 0) {
      res.set("Retry-After", String(wait));
      throw new AppError("too_many_attempts", `Too many wrong passwords; try again in ${wait} s.`);
    }
    const stored = await findPasswordHash(pool, {
      municipalityId: own.municipalityId,
      id: own.userId,
    });
    if (!stored) throw new AppError("unauthorized");
    const newHash = await throughGate(passwords.gate, res, async () =>
      (await verifyPassword(currentPassword, stored)) ? hashPassword(newPassword) : undefined,
    );
    if (!newHash) {
      await audit(pool, req, res, { action: "password.change_failed" });
      throw new AppError("wrong_password");
    }
    await setPasswordHash(
      pool,
      { municipalityId: own.municipalityId, id: own.userId },
      newHash,
      own.sessionId,
    );
    await passwords.throttle.succeeded(account);
    await audit(pool, req, res, { action: "password.changed", targetId: own.userId });
    res.status(204).end();
  });

  return router;
}
