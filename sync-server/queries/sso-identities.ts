import type { Role } from "../../shared/roles.ts";
import type { Queryable } from "../db.ts";
import { providerColumns, type SsoProvider } from "./sso-providers.ts";

/** A user as single sign-on sees them: found by identity, or by e-mail on a first log-in. */
export type SsoUser = {
  userId: string;
  email: string;
  role: Role;
  disabled: boolean;
  /** Whether this user already has an identity at this provider (under another subject). */
  linkedHere: boolean;
};

const userColumns = `u.id as "userId", u.email, u.role, u.disabled_at is not null as disabled`;

/** The user a provider's subject was linked to. */
export async function findUserByIdentity(
  db: Queryable,
  identity: { municipalityId: string; providerId: string; subject: string },
): Promise<SsoUser | undefined> {
  const result = await db.query<SsoUser>(
    `select ${userColumns}, true as "linkedHere"
     from sso_identities i
     join users u on u.municipality_id = i.municipality_id and u.id = i.user_id
     where i.municipality_id = $1 and i.provider_id = $2 and i.subject = $3`,
    [identity.municipalityId, identity.providerId, identity.subject],
  );
  return result.rows[0];
}

/** The municipality's user with this e-mail, for a first log-in through a provider. */
export async function findUserByEmailForSso(
  db: Queryable,
  municipalityId: string,
  providerId: string,
  email: string,
): Promise<SsoUser | undefined> {
  const result = await db.query<SsoUser>(
    `select ${userColumns},
            exists (select 1 from sso_identities i where i.municipality_id = u.municipality_id
                    and i.provider_id = $2 and i.user_id = u.id) as "linkedHere"
     from users u where u.municipality_id = $1 and u.email = $3`,
    [municipalityId, providerId, email],
  );
  return result.rows[0];
}

/** Links a subject to a user; false when either is linked already (a racing first log-in). */
export async function insertIdentity(
  db: Queryable,
  identity: { municipalityId: string; providerId: string; subject: string; userId: string },
): Promise<boolean> {
  const result = await db.query(
    `insert into sso_identities (municipality_id, provider_id, subject, user_id)
     values ($1, $2, $3, $4) on conflict do nothing`,
    [identity.municipalityId, identity.providerId, identity.subject, identity.userId],
  );
  return (result.rowCount ?? 0) > 0;
}

export async function touchIdentity(
  db: Queryable,
  identity: { municipalityId: string; providerId: string; subject: string },
): Promise<void> {
  await db.query(
    `update sso_identities set last_login_at = now()
     where municipality_id = $1 and provider_id = $2 and subject = $3`,
    [identity.municipalityId, identity.providerId, identity.subject],
  );
}

/** The OpenID Connect provider a user has signed in through, for RP-initiated log-out. */
export async function findUserOidcProvider(
  db: Queryable,
  municipalityId: string,
  userId: string,
): Promise<SsoProvider | undefined> {
  const result = await db.query<SsoProvider>(
    `select ${providerColumns} from sso_providers p
     where p.municipality_id = $1 and p.kind = 'oidc'
       and exists (select 1 from sso_identities i where i.municipality_id = p.municipality_id
                   and i.provider_id = p.id and i.user_id = $2)`,
    [municipalityId, userId],
  );
  return result.rows[0];
}
