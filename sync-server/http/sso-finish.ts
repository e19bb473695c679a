import type { Request, Response } from "express";
import type { Pool } from "../db.ts";
import { insertAuditEntries } from "../queries/audit-log.ts";
import { type SsoErrorCode, ssoErrorPage } from "../sso/error-page.ts";
import {
  type Identity,
  type SignInRefusal,
  signInFromIdentity,
} from "../sso/sign-in-from-identity.ts";
import { startSession } from "./session-lifecycle.ts";

/**
 * The end of every single sign-on callback, OIDC or SAML: the identity the protocol proved
 * becomes a session and the browser goes to the dashboard, or the person sees a Danish page
 * saying why not. Both paths leave an audit entry.
 */

const refusalCodes: Record<SignInRefusal, SsoErrorCode> = {
  provider_disabled: "sso_not_configured",
  unknown_group: "sso_unknown_group",
  disabled: "sso_user_disabled",
  no_email: "sso_no_email",
  email_in_use: "sso_email_in_use",
};

/** Where the dashboard lives; the browser lands here after a log-in. */
export const dashboardPath = "/dashboard/";

export function sendSsoErrorPage(res: Response, code: SsoErrorCode): void {
  const page = ssoErrorPage(code);
  res.status(page.status).set("Cache-Control", "no-store").type("html").send(page.html);
}

/** Audits a failure that came before any identity was proven (token checks, IdP down). */
export async function refuseSsoLogin(
  pool: Pool,
  req: Request,
  res: Response,
  failure: { municipalityId: string; providerId: string; code: SsoErrorCode; detail?: string },
): Promise<void> {
  await insertAuditEntries(pool, [
    {
      municipalityId: failure.municipalityId,
      actorKind: "anonymous",
      action: "sso.login_refused",
      targetId: failure.providerId,
      details: { reason: failure.code, ...(failure.detail ? { detail: failure.detail } : {}) },
      ip: req.ip ?? null,
    },
  ]);
  sendSsoErrorPage(res, failure.code);
}

/** Signs the identity in and answers the browser: a session and a redirect, or the page. */
export async function finishSsoLogin(
  pool: Pool,
  req: Request,
  res: Response,
  identity: Omit<Identity, "ip">,
): Promise<void> {
  const result = await signInFromIdentity(pool, { ...identity, ip: req.ip ?? null });
  if (!result.ok) {
    sendSsoErrorPage(res, refusalCodes[result.reason]);
    return;
  }
  await startSession(pool, req, res, {
    municipalityId: identity.municipalityId,
    id: result.userId,
  });
  res.set("Cache-Control", "no-store").redirect(303, dashboardPath);
}
