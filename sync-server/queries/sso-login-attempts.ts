import type { Queryable } from "../db.ts";

export type SsoLoginAttempt = {
  municipalityId: string;
  providerId: string;
  browserHash: Buffer;
  nonce: string;
  codeVerifier: string;
  expired: boolean;
};

/** Records a log-in under way, forgetting the expired ones in the same statement. */
export async function insertLoginAttempt(
  db: Queryable,
  attempt: {
    municipalityId: string;
    providerId: string;
    stateHash: Buffer;
    browserHash: Buffer;
    nonce: string;
    codeVerifier: string;
    ttlSeconds: number;
  },
): Promise<void> {
  await db.query(
    `with purge as (delete from sso_login_attempts where expires_at < now() - interval '1 hour')
     insert into sso_login_attempts (municipality_id, state_hash, provider_id, browser_hash, nonce,
                                     code_verifier, expires_at)
     values ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7))`,
    [
      attempt.municipalityId,
      attempt.stateHash,
      attempt.providerId,
      attempt.browserHash,
      attempt.nonce,
      attempt.codeVerifier,
      attempt.ttlSeconds,
    ],
  );
}

/**
 * Takes the attempt a state names, deleting it: a state works once, so a replayed callback
 * finds nothing. Expired attempts are returned (and deleted) so the page can say so.
 */
export async function takeLoginAttempt(
  db: Queryable,
  stateHash: Buffer,
): Promise<SsoLoginAttempt | undefined> {
  const result = await db.query<SsoLoginAttempt>(
    `delete from sso_login_attempts where state_hash = $1
     returning municipality_id as "municipalityId", provider_id as "providerId",
               browser_hash as "browserHash", nonce, code_verifier as "codeVerifier",
               expires_at < now() as expired`,
    [stateHash],
  );
  return result.rows[0];
}
