import type { Queryable } from "../db.ts";

/** An account's run of failed log-ins (migration 0018). */
export type LoginFailures = { failures: number; lastFailureAt: Date };

/**
 * The account's row, made (with no failures) if it has none, and locked until the transaction
 * ends: parallel attempts at one account, on any server, then take turns.
 */
export async function lockLoginFailures(
  db: Queryable,
  account: string,
  now: Date,
): Promise<LoginFailures> {
  const result = await db.query<LoginFailures>(
    `insert into login_failures as f (account, failures, last_failure_at) values ($1, 0, $2)
     on conflict (account) do update set account = f.account
     returning failures, last_failure_at as "lastFailureAt"`,
    [account, now],
  );
  const row = result.rows[0];
  if (!row) throw new Error("the login_failures upsert returned no row");
  return row;
}

export async function setLoginFailures(
  db: Queryable,
  account: string,
  failures: number,
  at: Date,
): Promise<void> {
  await db.query(
    "update login_failures set failures = $2, last_failure_at = $3 where account = $1",
    [account, failures, at],
  );
}

export async function deleteLoginFailures(db: Queryable, account: string): Promise<void> {
  await db.query("delete from login_failures where account = $1", [account]);
}

/** The clean-up job: runs older than `before` are forgotten anyway. Returns how many went. */
export async function deleteStaleLoginFailures(db: Queryable, before: Date): Promise<number> {
  const result = await db.query("delete from login_failures where last_failure_at < $1", [before]);
  return result.rowCount ?? 0;
}
