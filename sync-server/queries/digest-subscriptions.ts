import type { Queryable } from "../db.ts";

export type DigestFrequency = "daily" | "weekly";
export type NotificationLanguage = "da" | "en";

export type DigestSubscription = {
  municipalityId: string;
  userId: string;
  email: string;
  role: string;
  frequency: DigestFrequency;
  language: NotificationLanguage;
  /** The user's sites; null: every site of the municipality. */
  siteIds: string[] | null;
};

const columns = `s.municipality_id as "municipalityId", s.user_id as "userId", u.email, u.role,
                 s.frequency, s.language,
                 (select array_agg(us.site_id order by us.site_id) from user_sites us
                  where us.municipality_id = u.municipality_id and us.user_id = u.id) as "siteIds"`;

/** A user's subscription (undefined: none). */
export async function findSubscription(
  db: Queryable,
  municipalityId: string,
  userId: string,
): Promise<DigestSubscription | undefined> {
  const result = await db.query<DigestSubscription>(
    `select ${columns} from digest_subscriptions s
     join users u on u.municipality_id = s.municipality_id and u.id = s.user_id
     where s.municipality_id = $1 and s.user_id = $2`,
    [municipalityId, userId],
  );
  return result.rows[0];
}

/** Subscribes, or changes how often and in which language. */
export async function upsertSubscription(
  db: Queryable,
  row: {
    municipalityId: string;
    userId: string;
    frequency: DigestFrequency;
    language: NotificationLanguage;
  },
): Promise<void> {
  await db.query(
    `insert into digest_subscriptions (municipality_id, user_id, frequency, language)
     values ($1, $2, $3, $4)
     on conflict (municipality_id, user_id) do update
       set frequency = excluded.frequency, language = excluded.language`,
    [row.municipalityId, row.userId, row.frequency, row.language],
  );
}

export async function deleteSubscription(
  db: Queryable,
  municipalityId: string,
  userId: string,
): Promise<boolean> {
  const result = await db.query(
    "delete from digest_subscriptions where municipality_id = $1 and user_id = $2",
    [municipalityId, userId],
  );
  return (result.rowCount ?? 0) > 0;
}

/**
 * Subscriptions of enabled users: one municipality's (admins see who is subscribed), or every
 * municipality's when municipalityId is null (the digest planner).
 */
export async function listSubscriptions(
  db: Queryable,
  municipalityId: string | null,
): Promise<DigestSubscription[]> {
  const result = await db.query<DigestSubscription>(
    `select ${columns} from digest_subscriptions s
     join users u on u.municipality_id = s.municipality_id and u.id = s.user_id
     where ($1::uuid is null or s.municipality_id = $1) and u.disabled_at is null
     order by s.municipality_id, u.email`,
    [municipalityId],
  );
  return result.rows;
}

/** Who reads a digest: an enabled user's address, sites and language (Danish when unsubscribed). */
export type DigestReader = {
  municipalityId: string;
  userId: string;
  email: string;
  siteIds: string[] | null;
  language: NotificationLanguage;
};

/** Enabled users by id, or by e-mail (the admin CLI; one per municipality that has it). */
export async function findDigestReaders(
  db: Queryable,
  by: { municipalityId: string; userId: string } | { email: string },
): Promise<DigestReader[]> {
  const byEmail = "email" in by;
  const result = await db.query<DigestReader>(
    `select u.municipality_id as "municipalityId", u.id as "userId", u.email,
            coalesce(s.language, 'da') as language,
            (select array_agg(us.site_id order by us.site_id) from user_sites us
             where us.municipality_id = u.municipality_id and us.user_id = u.id) as "siteIds"
     from users u
     left join digest_subscriptions s on s.municipality_id = u.municipality_id and s.user_id = u.id
     where u.disabled_at is null
       and (case when $1 then u.email = lower(btrim($2))
                 else u.municipality_id = $3::uuid and u.id = $4::uuid end)`,
    [
      byEmail,
      byEmail ? by.email : null,
      byEmail ? null : by.municipalityId,
      byEmail ? null : by.userId,
    ],
  );
  return result.rows;
}
