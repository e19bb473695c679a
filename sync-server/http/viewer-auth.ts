import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { AppError } from "../../shared/errors.ts";
import type { Role } from "../../shared/roles.ts";
import type { Pool } from "../db.ts";
import { touchApiToken } from "../queries/api-tokens.ts";
import { findApiTokenPrincipal, type SessionPrincipal, touchSession } from "../queries/sessions.ts";
import { hashSecret, parseToken, secretMatches } from "../secrets.ts";
import { bearerToken } from "./kiosk-auth.ts";

/** A person (session) or a script (API token) reading figures; siteIds null = all sites. */
export type Viewer = {
  municipalityId: string;
  role: Role;
  userId?: string;
  /** Set for a cookie session: "my sessions" and "change my password" need it. */
  sessionId?: string;
  tokenId?: string;
  /** The e-mail or the token's label, as the audit log names the actor. */
  label: string | null;
  siteIds: string[] | null;
};

export const sessionCookie = "bp_session";
/** Idle expiry, pushed forward on each use, and the absolute limit of one log-in. */
export const sessionIdleSeconds = 8 * 60 * 60;
export const sessionAbsoluteSeconds = 7 * 24 * 60 * 60;
export const csrfHeader = "x-csrf-token";

/** The viewer a request was authenticated as (set by requireViewer). */
export function viewerOf(res: Response): Viewer {
  const viewer = res.locals.viewer as Viewer | undefined;
  if (!viewer) throw new Error("requireViewer must run before viewerOf");
  return viewer;
}

/** A new session secret for the cookie, and the hash stored in `sessions`. */
export function newSessionSecret(): { secret: string; hash: Buffer } {
  const secret = randomBytes(32).toString("base64url");
  return { secret, hash: hashSecret(secret) };
}

/**
 * CSRF: a synchronizer token derived from the session secret (sha256 of a label and the secret).
 * A page of ours gets it from POST/GET /session and sends it back as X-CSRF-Token on every
 * state-changing request; another site can neither read our cookie nor our responses, so it
 * cannot compute or learn it. Nothing extra is stored, and it dies with the session.
 */
export function csrfTokenFor(secret: string): string {
  return createHash("sha256").update(`borgerpuls-csrf\0${secret}`).digest("base64url");
}

/** A cookie's value when it is one of our 256-bit secrets (43 base64url characters). */
export function secretCookie(req: Request, cookie: string): string | undefined {
  const header = req.get("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === cookie) {
      const secret = value.join("=");
      return /^[A-Za-z0-9_-]{43}$/.test(secret) ? secret : undefined;
    }
  }
  return undefined;
}

export function sessionSecretOf(req: Request): string | undefined {
  return secretCookie(req, sessionCookie);
}

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/** Origin, when the browser sends one, must be this server: a second, independent CSRF check. */
export function sameOrigin(req: Request): boolean {
  const origin = req.get("origin");
  if (!origin) return true;
  try {
    return new URL(origin).host === req.get("host");
  } catch {
    return false;
  }
}

export function checkCsrf(req: Request, secret: string): void {
  if (safeMethods.has(req.method)) return;
  const sent = req.get(csrfHeader) ?? "";
  const expected = Buffer.from(csrfTokenFor(secret));
  const actual = Buffer.from(sent);
  const tokenOk = actual.length === expected.length && timingSafeEqual(actual, expected);
  if (!tokenOk || !sameOrigin(req)) {
    throw new AppError(
      "csrf_failed",
      "This change needs the X-CSRF-Token header from GET /api/v1/session, sent from this site.",
    );
  }
}

async function viewerFromToken(pool: Pool, token: string): Promise<Viewer> {
  const parsed = parseToken(token);
  const found = parsed?.kind === "bpt" ? await findApiTokenPrincipal(pool, parsed.id) : undefined;
  if (!parsed || !found || !secretMatches(parsed.secret, found.tokenHash)) {
    throw new AppError("unauthorized", "The API token is not known.");
  }
  if (found.revokedAt) throw new AppError("unauthorized", "This API token has been revoked.");
  if (found.expired) {
    throw new AppError(
      "unauthorized",
      `This API token expired at ${found.expiresAt?.toISOString() ?? "an earlier time"}; ask an admin for a new one.`,
    );
  }
  await touchApiToken(pool, found.municipalityId, found.tokenId);
  return {
    municipalityId: found.municipalityId,
    role: found.role,
    tokenId: found.tokenId,
    label: found.tokenLabel,
    siteIds: found.siteIds,
  };
}

/**
 * `Authorization: Bearer bpt_…` (scripts) or the session cookie (people); 401 otherwise.
 * Cookie-authenticated state-changing requests must also pass the CSRF check (403).
 */
export function requireViewer(pool: Pool) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const token = bearerToken(req);
    if (token) {
      res.locals.viewer = await viewerFromToken(pool, token);
      next();
      return;
    }
    const secret = sessionSecretOf(req);
    const session = secret
      ? await touchSession(pool, hashSecret(secret), sessionIdleSeconds)
      : undefined;
    if (!secret || !session) {
      throw new AppError(
        "unauthorized",
        "Log in (POST /api/v1/session) or send `Authorization: Bearer <API token>`.",
      );
    }
    checkCsrf(req, secret);
    setSessionViewer(res, session);
    next();
  };
}

export function setSessionViewer(res: Response, session: SessionPrincipal): void {
  res.locals.viewer = {
    municipalityId: session.municipalityId,
    role: session.role,
    userId: session.userId,
    sessionId: session.sessionId,
    label: session.email,
    siteIds: session.siteIds,
  } satisfies Viewer;
  res.locals.sessionEmail = session.email;
}

/** 403 unless the viewer has one of the roles (after requireViewer). */
export function requireRole(...allowed: Role[]) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    if (!allowed.includes(viewerOf(res).role)) {
      throw new AppError("forbidden", `Only ${allowed.join(" or ")} users may do this.`);
    }
    next();
  };
}

/** Whether the viewer may see a site (admins and unrestricted grants see them all). */
export function viewerSeesSite(viewer: Viewer, siteId: string): boolean {
  return viewer.siteIds === null || viewer.siteIds.includes(siteId);
}
