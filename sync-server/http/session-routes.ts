import express, { type Request, type Response, type Router } from "express";
import { rateLimit } from "express-rate-limit";
import { z } from "zod";
import { AppError } from "../../shared/errors.ts";
import { newId } from "../../shared/ids.ts";
import type { Pool } from "../db.ts";
import {
  deleteSession,
  findLoginUser,
  insertSession,
  listVisibleSites,
  municipalityName,
  touchSession,
} from "../queries/sessions.ts";
import { hashPassword, hashSecret, verifyPassword } from "../secrets.ts";
import {
  checkCsrf,
  csrfTokenFor,
  newSessionSecret,
  requireViewer,
  sameOrigin,
  sessionAbsoluteSeconds,
  sessionCookie,
  sessionIdleSeconds,
  sessionSecretOf,
  setSessionViewer,
  viewerOf,
} from "./viewer-auth.ts";

/** Failed log-ins allowed per client address, and per e-mail address, in a quarter hour. */
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

function tooMany(): never {
  throw new AppError("too_many_attempts");
}

/** Only failures count (a colleague logging in fine is never locked out); per address and per e-mail. */
function loginLimiters() {
  const common = {
    windowMs: loginWindowMs,
    limit: loginAttemptsPerWindow,
    skipSuccessfulRequests: true,
    standardHeaders: "draft-8" as const,
    legacyHeaders: false,
    handler: tooMany,
  };
  return [
    rateLimit(common),
    rateLimit({
      ...common,
      keyGenerator: (req: Request) =>
        `email:${String((req.body as { email?: unknown } | undefined)?.email ?? "")
          .trim()
          .toLowerCase()}`,
    }),
  ];
}

function setSessionCookie(req: Request, res: Response, secret: string): void {
  res.cookie(sessionCookie, secret, {
    httpOnly: true,
    sameSite: "strict",
    // Secure whenever the request came over https (directly or via the municipal proxy); the
    // LAN set-up without TLS would otherwise never log in.
    secure: req.secure,
    path: "/",
    maxAge: sessionAbsoluteSeconds * 1000,
  });
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
export function sessionRoutes(pool: Pool): Router {
  const router = express.Router();
  router.use(express.json({ limit: "16kb" }));

  router.post("/", ...loginLimiters(), async (req, res) => {
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
    const user = await findLoginUser(pool, email);
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || !ok) throw new AppError("login_failed");
    const { secret, hash } = newSessionSecret();
    await insertSession(pool, {
      municipalityId: user.municipalityId,
      id: newId(),
      userId: user.id,
      tokenHash: hash,
      idleSeconds: sessionIdleSeconds,
      absoluteSeconds: sessionAbsoluteSeconds,
    });
    setSessionCookie(req, res, secret);
    // Describe the new session exactly as GET /session would.
    const session = await touchSession(pool, hash, sessionIdleSeconds);
    if (!session) throw new AppError("internal");
    setSessionViewer(res, session);
    res
      .status(201)
      .set("Cache-Control", "no-store")
      .json(await describeViewer(pool, res, csrfTokenFor(secret)));
  });

  router.get("/", requireViewer(pool), async (req, res) => {
    const secret = bearerLess(req) ? sessionSecretOf(req) : undefined;
    res
      .set("Cache-Control", "no-store")
      .json(await describeViewer(pool, res, secret ? csrfTokenFor(secret) : null));
  });

  // Logging out of a session that has already expired is not an error: the cookie goes anyway.
  router.delete("/", async (req, res) => {
    const secret = sessionSecretOf(req);
    const hash = secret ? hashSecret(secret) : undefined;
    if (secret && hash && (await touchSession(pool, hash, sessionIdleSeconds))) {
      checkCsrf(req, secret);
      await deleteSession(pool, hash);
    }
    res.clearCookie(sessionCookie, {
      httpOnly: true,
      sameSite: "strict",
      secure: req.secure,
      path: "/",
    });
    res.status(204).end();
  });
  return router;
}

function bearerLess(req: Request): boolean {
  return !req.get("authorization");
}
