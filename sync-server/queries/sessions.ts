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
  role: Role;
  /** False once an admin turned password log-in off for everyone but admins (migration 0018). */
  passwordLoginForAll: boolean;
};

/** Most accounts one e-mail may have across municipalities that a log-in checks. */
export const maxAccountsPerEmail = 3;

/**
 * The enabled users with this log-in e-mail, oldest first. An e-mail is unique within a
 * municipality only (an admin must not learn or reserve another municipality's users), so a
 * person working for two municipalities has two accounts; the password picks one.
 */
export async function findLoginUsers(db: Queryable, email: string): Promise<LoginUser[]> {
  const result = await db.query<LoginUser>(
    `select u.municipality_id as "municipalityId", u.id, u.password_hash as "passwordHash", u.role,
            m.password_login_for_all as "passwordLoginForAll"
     from users u join municipalities m on m.id = u.municipality_id
     where u.email = $1 and u.disabled_at is null
     order by u.created_at, u.id limit $2`,
    [email, maxAccountsPerEmail],
  );
  return result.rows;
}

/** Every municipality that has a user with this e-mail (enabled or not), for the audit log. */
export async function municipalitiesWithEmail(db: Queryable, email: string): Promise<string[]> {
  const result = await db.query<{ municipalityId: string; id: string }>(
    `select municipality_id as "municipalityId", id from users where email = $1`,
    [email],
  );
  return result.rows.map((row) => row.municipalityId);
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
    userAgent: string | null;
    ip: string | null;
  },
): Promise<void> {
  // Log-in is a good moment to forget this user's expired sessions; no sweeper job needed.
  await db.query(
    `with purge as (
       delete from sessions
       where municipality_id = $1 and user_id = $3 and (expires_at < now() or absolute_expires_at < now())
     )
     insert into sessions (municipality_id, id, user_id, token_hash, expires_at, absolute_expires_at,
                           user_agent, ip)
     values ($1, $2, $3, $4, now() + make_interval(secs => $5), now() + make_interval(secs => $6),
             $7, $8)`,
    [
      session.municipalityId,
      session.id,
      session.userId,
      session.tokenHash,
      session.idleSeconds,
      session.absoluteSeconds,
      session.userAgent?.slice(0, 300) ?? null,
      session.ip?.slice(0, 64) ?? null,
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

export type OwnSession = {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  ip: string | null;
};

/** A user's live sessions, most recently used first. */
export async function listUserSessions(
  db: Queryable,
  user: { municipalityId: string; userId: string },
): Promise<OwnSession[]> {
  const result = await db.query<OwnSession>(
    `select id, created_at as "createdAt", last_seen_at as "lastSeenAt",
            least(expires_at, absolute_expires_at) as "expiresAt", user_agent as "userAgent", ip
     from sessions
     where municipality_id = $1 and user_id = $2
       and expires_at > now() and absolute_expires_at > now()
     order by last_seen_at desc, id`,
    [user.municipalityId, user.userId],
  );
  return result.rows;
}

/**
 * Ends a user's sessions: one (sessionId), all but one (exceptSessionId), or all. Returns how
 * many ended.
 */
export async function deleteUserSessions(
  db: Queryable,
  user: { municipalityId: string; userId: string },
  which: { sessionId?: string; exceptSessionId?: string } = {},
): Promise<number> {
  const result = await db.query(
    `delete from sessions
     where municipality_id = $1 and user_id = $2
       and ($3::uuid is null or id = $3) and ($4::uuid is null or id <> $4)`,
    [user.municipalityId, user.userId, which.sessionId ?? null, which.exceptSessionId ?? null],
  );
  return result.rowCount ?? 0;
}

export type TokenPrincipal = Principal & {
  tokenId: string;
  tokenLabel: string | null;
  tokenHash: Buffer;
  revokedAt: Date | null;
  expiresAt: Date | null;
  expired: boolean;
};

/** An API token with its site grants, for bearer authentication. */
export async function findApiTokenPrincipal(
  db: Queryable,
  id: string,
): Promise<TokenPrincipal | undefined> {
  const result = await db.query<TokenPrincipal>(
    `select t.municipality_id as "municipalityId", t.id as "tokenId", t.role,
            t.token_hash as "tokenHash", t.revoked_at as "revokedAt", t.label as "tokenLabel",
            t.expires_at as "expiresAt", coalesce(t.expires_at <= now(), false) as expired,
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
