import type { Role } from "../../shared/roles.ts";
import type { Queryable } from "../db.ts";

/** Who a session or an API token speaks for; siteIds null means every site of the municipality. */
export type Principal = {
  municipalityId: string;
  role: Role;
  siteIds: string[] | null;
};

export type SessionPrincipal = Principal & {
  sessionId: string;
  userId: string;
  email: string;
  expiresAt: Date;
};

export type LoginUser = {
  municipalityId: string;
  id: string;
  passwordHash: string;
};

/** An enabled user by log-in e-mail (unique across municipalities, see queries/users.ts). */
export async function findLoginUser(db: Queryable, email: string): Promise<LoginUser | undefined> {
  const result = await db.query<LoginUser>(
    `select municipality_id as "municipalityId", id, password_hash as "passwordHash"
     from users where email = $1 and disabled_at is null`,
    [email],
  );
  return result.rows[0];
}

export async function insertSession(
  db: Queryable,
  session: {
    municipalityId: string;
    id: string;
    userId: string;
    tokenHash: Buffer;
    idleSeconds: number;
    absoluteSeconds: number;
  },
): Promise<void> {
  // Log-in is a good moment to forget this user's expired sessions; no sweeper job needed.
  await db.query(
    `with purge as (
       delete from sessions
       where municipality_id = $1 and user_id = $3 and (expires_at < now() or absolute_expires_at < now())
     )
     insert into sessions (municipality_id, id, user_id, token_hash, expires_at, absolute_expires_at)
     values ($1, $2, $3, $4, now() + make_interval(secs => $5), now() + make_interval(secs => $6))`,
    [
      session.municipalityId,
      session.id,
      session.userId,
      session.tokenHash,
      session.idleSeconds,
      session.absoluteSeconds,
    ],
  );
}

/**
 * The live session a cookie's hash names, with its user's role and site grants, extending its
 * idle expiry in the same statement. Undefined when unknown, expired or the user is disabled.
 */
export async function touchSession(
  db: Queryable,
  tokenHash: Buffer,
  idleSeconds: number,
): Promise<SessionPrincipal | undefined> {
  const result = await db.query<SessionPrincipal>(
    `with live as (
       update sessions s
       set expires_at = least(now() + make_interval(secs => $2), s.absolute_expires_at),
           last_seen_at = now()
       from users u
       where s.token_hash = $1 and s.expires_at > now() and s.absolute_expires_at > now()
         and u.municipality_id = s.municipality_id and u.id = s.user_id and u.disabled_at is null
       returning s.municipality_id, s.id, s.user_id, s.expires_at, u.email, u.role
     )
     select live.municipality_id as "municipalityId", live.id as "sessionId",
            live.user_id as "userId", live.email, live.role, live.expires_at as "expiresAt",
            case when live.role = 'admin' then null
                 else (select array_agg(us.site_id order by us.site_id) from user_sites us
                       where us.municipality_id = live.municipality_id and us.user_id = live.user_id)
            end as "siteIds"
     from live`,
    [tokenHash, idleSeconds],
  );
  return result.rows[0];
}

export async function deleteSession(db: Queryable, tokenHash: Buffer): Promise<void> {
  await db.query("delete from sessions where token_hash = $1", [tokenHash]);
}

export type TokenPrincipal = Principal & {
  tokenId: string;
  tokenHash: Buffer;
  revokedAt: Date | null;
};

/** An API token with its site grants, for bearer authentication. */
export async function findApiTokenPrincipal(
  db: Queryable,
  id: string,
): Promise<TokenPrincipal | undefined> {
  const result = await db.query<TokenPrincipal>(
    `select t.municipality_id as "municipalityId", t.id as "tokenId", t.role,
            t.token_hash as "tokenHash", t.revoked_at as "revokedAt",
            case when t.role = 'admin' then null
                 else (select array_agg(ts.site_id order by ts.site_id) from api_token_sites ts
                       where ts.municipality_id = t.municipality_id and ts.token_id = t.id)
            end as "siteIds"
     from api_tokens t where t.id = $1`,
    [id],
  );
  return result.rows[0];
}

export type SiteSummary = { id: string; name: string; timezone: string };

/** The sites a principal may see, by name; for GET /session and the dashboard's site picker. */
export async function listVisibleSites(
  db: Queryable,
  principal: Pick<Principal, "municipalityId" | "siteIds">,
): Promise<SiteSummary[]> {
  const result = await db.query<SiteSummary>(
    `select id, name, timezone from sites
     where municipality_id = $1 and ($2::uuid[] is null or id = any($2::uuid[]))
     order by name`,
    [principal.municipalityId, principal.siteIds],
  );
  return result.rows;
}

export async function municipalityName(db: Queryable, id: string): Promise<string> {
  const result = await db.query<{ name: string }>("select name from municipalities where id = $1", [
    id,
  ]);
  return result.rows[0]?.name ?? "";
}
