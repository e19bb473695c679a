import { newId } from "../../shared/ids.ts";
import type { Role } from "../../shared/roles.ts";
import { inTransaction, type Pool, type PoolClient } from "../db.ts";
import { insertAuditEntries } from "../queries/audit-log.ts";
import { updateUser } from "../queries/dashboard-lists.ts";
import { deleteUserSessions } from "../queries/sessions.ts";
import {
  findUserByEmailForSso,
  findUserByIdentity,
  insertIdentity,
  type SsoUser,
  touchIdentity,
} from "../queries/sso-identities.ts";
import { findSsoProvider } from "../queries/sso-providers.ts";
import { findRoleMappingsForGroups } from "../queries/sso-role-mappings.ts";
import { insertUser } from "../queries/users.ts";
import { type Grant, grantFromGroups } from "./grant-from-groups.ts";

/** Who the identity provider says signed in (OIDC id_token claims, or a SAML assertion). */
export type Identity = {
  providerId: string;
  municipalityId: string;
  /** The provider's stable id of the person (OIDC `sub`, SAML NameID). */
  subject: string;
  email: string | null;
  name: string | null;
  groups: readonly string[];
  /** The browser's address, for the audit log. */
  ip?: string | null;
};

export type SignInRefusal =
  /** No such provider in the municipality, or an admin switched it off. */
  | "provider_disabled"
  /** None of the person's groups is mapped to a role (or they were removed from it). */
  | "unknown_group"
  /** An admin disabled the account. */
  | "disabled"
  /** A first log-in without a usable e-mail address. */
  | "no_email"
  /** The e-mail is an admin's local account or another identity's: never taken over. */
  | "email_in_use";

export type SignInResult =
  | {
      ok: true;
      userId: string;
      email: string;
      role: Role;
      siteIds: string[] | null;
      created: boolean;
    }
  | { ok: false; reason: SignInRefusal; userId: string | null };

/**
 * Signs a person in from what their identity provider vouched for: finds or creates
 * (just in time) their user, recomputes role and sites from their groups on every log-in, and
 * refuses disabled users and unmapped groups. Writes an audit entry either way. Starting the
 * session is the caller's (http/start-session.ts), as for a password log-in.
 */
export async function signInFromIdentity(pool: Pool, identity: Identity): Promise<SignInResult> {
  const result = await inTransaction(pool, (client) => decide(client, identity)).catch(
    (error: unknown) => {
      if (!(error instanceof RaceLost)) throw error;
      return { ok: false, reason: "email_in_use", userId: null } as const;
    },
  );
  await insertAuditEntries(pool, [
    {
      municipalityId: identity.municipalityId,
      actorKind: result.userId ? "user" : "anonymous",
      actorId: result.userId,
      actorLabel: result.ok ? result.email : (identity.email ?? identity.subject),
      action: result.ok ? "sso.login_succeeded" : "sso.login_refused",
      targetId: identity.providerId,
      details: result.ok
        ? {
            subject: identity.subject,
            role: result.role,
            siteIds: result.siteIds,
            created: result.created,
          }
        : { subject: identity.subject, reason: result.reason, groups: identity.groups.length },
      ip: identity.ip ?? null,
    },
  ]);
  return result;
}

/** A concurrent first log-in took the e-mail or the identity first. */
class RaceLost extends Error {}

async function decide(client: PoolClient, identity: Identity): Promise<SignInResult> {
  const provider = await findSsoProvider(client, identity.providerId);
  if (!provider || provider.municipalityId !== identity.municipalityId || !provider.enabled) {
    return { ok: false, reason: "provider_disabled", userId: null };
  }
  const grant = grantFromGroups(
    await findRoleMappingsForGroups(client, identity.municipalityId, identity.groups),
    identity.groups,
  );
  const known = await findUserByIdentity(client, identity);
  if (known) return signInKnown(client, identity, known, grant);
  return signInFirstTime(client, identity, grant);
}

async function signInKnown(
  client: PoolClient,
  identity: Identity,
  user: SsoUser,
  grant: Grant | undefined,
): Promise<SignInResult> {
  if (user.disabled) return { ok: false, reason: "disabled", userId: user.userId };
  if (!grant) {
    // The provider no longer vouches for any role: sessions from earlier log-ins end too.
    await deleteUserSessions(client, {
      municipalityId: identity.municipalityId,
      userId: user.userId,
    });
    return { ok: false, reason: "unknown_group", userId: user.userId };
  }
  await applyGrant(client, identity.municipalityId, user.userId, grant);
  await touchIdentity(client, identity);
  return { ok: true, userId: user.userId, email: user.email, ...grant, created: false };
}

/** An e-mail as users.email holds it, or null when the claim is not one. */
function normalisedEmail(email: string | null): string | null {
  const value = email?.trim().toLowerCase() ?? "";
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) && value.length <= 320 ? value : null;
}

async function signInFirstTime(
  client: PoolClient,
  identity: Identity,
  grant: Grant | undefined,
): Promise<SignInResult> {
  if (!grant) return { ok: false, reason: "unknown_group", userId: null };
  const email = normalisedEmail(identity.email);
  if (!email) return { ok: false, reason: "no_email", userId: null };
  const { municipalityId, providerId } = identity;
  const existing = await findUserByEmailForSso(client, municipalityId, providerId, email);
  if (existing?.disabled) return { ok: false, reason: "disabled", userId: existing.userId };
  // A local account is adopted (its role then comes from the groups, so adoption grants nothing
  // the provider does not), except an admin's: those are the break-glass accounts.
  if (existing && (existing.role === "admin" || existing.linkedHere)) {
    return { ok: false, reason: "email_in_use", userId: existing.userId };
  }
  const userId =
    existing?.userId ??
    (await insertUser(client, {
      municipalityId,
      id: newId(),
      email,
      role: grant.role,
      // Not a scrypt hash, so no password ever matches it (secrets.ts verifyPassword).
      passwordHash: "sso",
      siteIds: grant.siteIds ?? [],
    }));
  if (!userId || !(await insertIdentity(client, { ...identity, userId }))) {
    // Another first log-in of the same person won the race: roll back the user this one may
    // have made, and refuse rather than merge.
    throw new RaceLost();
  }
  if (existing) await applyGrant(client, municipalityId, userId, grant);
  return { ok: true, userId, email, ...grant, created: !existing };
}

async function applyGrant(
  client: PoolClient,
  municipalityId: string,
  userId: string,
  grant: Grant,
): Promise<void> {
  await updateUser(
    client,
    { municipalityId, id: userId },
    { role: grant.role, siteIds: grant.siteIds ?? [] },
  );
}
