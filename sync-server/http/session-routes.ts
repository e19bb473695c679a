import express, { type Request, type Response, type Router } from "express";
import { rateLimit } from "express-rate-limit";
import { z } from "zod";
import { AppError } from "../../shared/errors.ts";
import { newId } from "../../shared/ids.ts";
import type { Pool } from "../db.ts";
import type { LoginThrottle } from "../login-throttle.ts";
import type { PasswordGate } from "../password-gate.ts";
import { insertAuditEntries } from "../queries/audit-log.ts";
import {
  findLoginUsers,
  type LoginUser,
  listVisibleSites,
  municipalitiesWithEmail,
  municipalityName,
} from "../queries/sessions.ts";
import { hashPassword, verifyPassword } from "../secrets.ts";
import { throughGate } from "./hashing-gate.ts";
import { PostgresRateLimitStore } from "./postgres-rate-limit-store.ts";
import { endSession, startSession } from "./session-lifecycle.ts";
import {
  csrfTokenFor,
  requireViewer,
  sameOrigin,
  sessionSecretOf,
  viewerOf,
} from "./viewer-auth.ts";

/** Failed log-ins allowed per client address in a quarter hour (per account: login-throttle.ts). */
export const loginAttemptsPerWindow = 10;
const loginWindowMs = 15 * 60 * 1000;

const loginBody = z.object({
  email: z.string().trim().toLowerCase().min(3).max(320),
  password: z.string().min(1).max(1024),
});

// Unknown e-mails still cost one scrypt verification, so timing does not tell who has an account.
let dummyHash: Promise<string> | undefined;
function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(newId());
  return dummyHash;
}

/**
 * Only failures count (a colleague logging in fine is never limited). The address is the
 * socket's unless TRUST_PROXY names the proxy, so a made-up X-Forwarded-For changes nothing.
 * Counted in PostgreSQL, so the limit is one across all server processes.
 */
function addressLimiter(pool: Pool, clock: (() => number) | undefined) {
  return rateLimit({
    store: new PostgresRateLimitStore(pool, "login-address", clock),
    windowMs: loginWindowMs,
    limit: loginAttemptsPerWindow,
    skipSuccessfulRequests: true,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    // Ignoring X-Forwarded-For from untrusted peers is the point, not a misconfiguration.
    validate: { xForwardedForHeader: false },
    handler: (): never => {
      throw new AppError(
        "too_many_attempts",
        "Too many failed log-ins from this address; wait a quarter of an hour and try again.",
      );
    },
  });
}

export type PasswordServices = {
  gate: PasswordGate;
  throttle: LoginThrottle;
  /** The limiters' clock (tests move it instead of waiting); the throttle has its own. */
  clock?: (() => number) | undefined;
};

/** The account a password opens, if any: each candidate is checked (one costs as much as none). */
async function verifyAny(users: LoginUser[], password: string): Promise<LoginUser | undefined> {
  if (users.length === 0) {
    await verifyPassword(password, await dummyPasswordHash());
    return undefined;
  }
  for (const user of users) if (await verifyPassword(password, user.passwordHash)) return user;
  return undefined;
}

async function describeViewer(pool: Pool, res: Response, csrfToken: string | null) {
  const viewer = viewerOf(res);
  const [sites, name] = await Promise.all([
    listVisibleSites(pool, viewer),
    municipalityName(pool, viewer.municipalityId),
  ]);
  return {
    email: (res.locals.sessionEmail as string | undefined) ?? null,
    role: viewer.role,
    municipality: { id: viewer.municipalityId, name },
    allSites: viewer.siteIds === null,
    sites,
    csrfToken,
  };
}

/** /api/v1/session: log in, who am I, log out. */
export function sessionRoutes(pool: Pool, passwords: PasswordServices): Router {
  const router = express.Router();
  router.use(express.json({ limit: "16kb" }));

  router.post("/", addressLimiter(pool, passwords.clock), async (req, res) => {
    // A cross-site form cannot send JSON without a CORS preflight we never grant, and a browser
    // that names another Origin is refused: no log-in CSRF.
    if (!req.is("application/json") || !sameOrigin(req)) {
      throw new AppError("csrf_failed", "Log in with a JSON body from this site.");
    }
    const parsed = loginBody.safeParse(req.body);
    if (!parsed.success) {
      throw new AppError("invalid_request", 'Send {"email": "…", "password": "…"}.');
    }
    const { email, password } = parsed.data;
    const wait = await passwords.throttle.attempt(email);
    if (wait > 0) {
      res.set("Retry-After", String(wait));
      throw new AppError(
        "too_many_attempts",
        `Too many failed log-ins for this account; try again in ${wait} s.`,
      );
    }
    const candidates = await findLoginUsers(pool, email);
    const user = await throughGate(passwords.gate, res, () => verifyAny(candidates, password));
    if (!user) {
      await auditLogin(pool, req, email, undefined);
      throw new AppError("login_failed");
    }
    await passwords.throttle.succeeded(email);
    if (user.role !== "admin" && !user.passwordLoginForAll) {
      await auditLogin(pool, req, email, user, "login.password_off");
      throw new AppError("password_login_off");
    }
    await auditLogin(pool, req, email, user);
    const { csrfToken } = await startSession(pool, req, res, {
      municipalityId: user.municipalityId,
      id: user.id,
    });
    // Describe the new session exactly as GET /session would.
    res
      .status(201)
      .set("Cache-Control", "no-store")
      .json(await describeViewer(pool, res, csrfToken));
  });

  router.get("/", requireViewer(pool), async (req, res) => {
    const secret = bearerLess(req) ? sessionSecretOf(req) : undefined;
    res
      .set("Cache-Control", "no-store")
      .json(await describeViewer(pool, res, secret ? csrfTokenFor(secret) : null));
  });

  router.delete("/", async (req, res) => {
    await endSession(pool, req, res);
    res.status(204).end();
  });
  return router;
}

/**
 * A success in the account's municipality; a failure in every municipality that has the e-mail
 * (an unknown e-mail names none, so it goes to no tenant's log).
 */
async function auditLogin(
  pool: Pool,
  req: Request,
  email: string,
  user: LoginUser | undefined,
  action = user ? "login.succeeded" : "login.failed",
): Promise<void> {
  const municipalityIds = user
    ? [user.municipalityId]
    : [...new Set(await municipalitiesWithEmail(pool, email))];
  await insertAuditEntries(
    pool,
    municipalityIds.map((municipalityId) => ({
      municipalityId,
      actorKind: user ? "user" : "anonymous",
      actorId: user?.id ?? null,
      actorLabel: email,
      action,
      ip: req.ip ?? null,
    })),
  );
}

function bearerLess(req: Request): boolean {
  return !req.get("authorization");
}
