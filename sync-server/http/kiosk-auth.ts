import type { NextFunction, Request, Response } from "express";
import { AppError } from "../../shared/errors.ts";
import type { Pool } from "../db.ts";
import { findKioskCredentials, type Kiosk } from "../queries/kiosks.ts";
import { parseToken, secretMatches } from "../secrets.ts";

export type AuthenticatedKiosk = Kiosk;

/** The kiosk a request was authenticated as (set by requireKiosk). */
export function kioskOf(res: Response): AuthenticatedKiosk {
  const kiosk = res.locals.kiosk as AuthenticatedKiosk | undefined;
  if (!kiosk) throw new Error("requireKiosk must run before kioskOf");
  return kiosk;
}

export function bearerToken(req: Request): string | undefined {
  const header = req.get("authorization");
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/** `Authorization: Bearer <kiosk token>`: 401 when missing, unknown or revoked. */
export function requireKiosk(pool: Pool) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const token = bearerToken(req);
    if (!token)
      throw new AppError(
        "unauthorized",
        "Send the kiosk token as `Authorization: Bearer <token>`.",
      );
    const parsed = parseToken(token);
    const kiosk = parsed?.kind === "bpk" ? await findKioskCredentials(pool, parsed.id) : undefined;
    if (!parsed || !kiosk || !secretMatches(parsed.secret, kiosk.tokenHash)) {
      throw new AppError(
        "unauthorized",
        "The kiosk token is not known. Enrol the kiosk again with a new token.",
      );
    }
    if (kiosk.revokedAt) {
      throw new AppError(
        "unauthorized",
        "This kiosk's token has been revoked. Enrol the kiosk again with a new token.",
      );
    }
    const { tokenHash: _hash, ...rest } = kiosk;
    res.locals.kiosk = rest;
    next();
  };
}
