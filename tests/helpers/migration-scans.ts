/**
 * Which statements of a migration make PostgreSQL rewrite or read a whole large table while the
 * migration holds its locks — minutes at 10 M responses, with syncs waiting on some of them.
 * Such a migration must say so in its first line (`-- rewrites: …`) and is timed by
 * `npm run bench -- migrations`. The rules follow what PostgreSQL does (ALTER TABLE docs,
 * "Notes"); a table the same migration creates is empty, so nothing on it counts.
 */

/** The tables that grow without bound (responses; the audit log). Every other table is small
 * (a row per kiosk, site, user or day): scanning or even rewriting it takes milliseconds. */
export const largeTables = ["responses", "audit_log"] as const;

/**
 * Released migrations that scan or rewrite responses without the `-- rewrites:` line: released
 * files are immutable (databases have applied them; an edit would make new installs differ from
 * upgraded ones), so they cannot gain it now. Each is
 * named as slow at 10 M in the README's upgrade notes instead, and timed by the migrations bench.
 * Nothing may be added here: a new migration declares itself.
 */
export const releasedUndeclared: Record<string, string> = {
  // Builds the three rollups from every response already stored (three full reads).
  "0005_rollups.sql": "rollups built from all responses",
  // content_key's CHECK is validated over every row under ACCESS EXCLUSIVE, then the
  // responses_unkeyed_idx build blocks writes; the re-key at the next start updates every row.
  "0011_fingerprint_keys.sql": "CHECK scan and index build on responses",
  // Recounts the three rollups from every response (three full reads, rollups locked meanwhile).
  "0013_unanswered_not_counted.sql": "rollups recounted from all responses",
  // no_help_reasons' CHECK and the added constraint are validated over every row under lock.
  "0014_no_help_reasons.sql": "CHECK scan on responses",
};

type Rule = { why: string; matches: (statement: string, table: string) => boolean };

const on = (table: string) => `(?:only\\s+)?(?:public\\.)?${table}\\b`;
const alterTable = (table: string) =>
  new RegExp(`^alter\\s+table\\s+(?:if\\s+exists\\s+)?${on(table)}`);
const has = (pattern: RegExp) => (statement: string) => pattern.test(statement);

const rules: Rule[] = [
  {
    // A new column type rewrites every row under ACCESS EXCLUSIVE (binary-coercible ones aside).
    why: "ALTER COLUMN … TYPE rewrites the table",
    matches: (s, t) =>
      alterTable(t).test(s) && has(/\balter\s+column\s+\w+\s+(set\s+data\s+)?type\b/)(s),
  },
  {
    // Adding a CHECK or FOREIGN KEY validates every row under the lock, unless NOT VALID (then
    // VALIDATE CONSTRAINT later scans without blocking writes). A new column's own CHECK too.
    why: "ADD … CHECK / FOREIGN KEY without NOT VALID scans the table under lock",
    matches: (s, t) =>
      alterTable(t).test(s) &&
      has(/\b(check\s*\(|foreign\s+key\b|references\b)/)(s) &&
      !has(/\bnot\s+valid\b/)(s),
  },
  {
    why: "SET NOT NULL scans the table under ACCESS EXCLUSIVE",
    matches: (s, t) => alterTable(t).test(s) && has(/\bset\s+not\s+null\b/)(s),
  },
  {
    // A constant default is a catalogue change; a volatile one or a stored generated column
    // rewrites every row.
    why: "ADD COLUMN with a volatile default or a stored generated column rewrites the table",
    matches: (s, t) =>
      alterTable(t).test(s) &&
      has(
        /\badd\s+(column\s+)?\w+[^,]*\b(default\s+\(?\s*(gen_random_uuid|random|clock_timestamp|nextval|uuid_generate_\w+)\s*\(|generated\s+always\s+as\b[^,]*\bstored\b)/,
      )(s),
  },
  {
    why: "ADD PRIMARY KEY / UNIQUE builds an index while writes wait",
    matches: (s, t) =>
      alterTable(t).test(s) && has(/\badd\s+(constraint\s+\w+\s+)?(primary\s+key|unique)\b/)(s),
  },
  {
    // CONCURRENTLY cannot run in a migration's transaction (nor on a partitioned parent), so
    // every index a migration builds on a large table blocks its writes for the whole build.
    why: "CREATE INDEX on it blocks writes for the whole build",
    matches: (s, t) =>
      new RegExp(`^create\\s+(unique\\s+)?index\\b[^;]*?\\bon\\s+${on(t)}`).test(s),
  },
  {
    why: "UPDATE / DELETE / INSERT … SELECT of it writes many rows in one transaction",
    matches: (s, t) =>
      new RegExp(
        `^(update\\s+${on(t)}|delete\\s+from\\s+${on(t)}|insert\\s+into\\s+${on(t)}[^;]*\\bselect\\b)`,
      ).test(s),
  },
  {
    // E.g. rollups rebuilt from every response: a full read of 10 M rows inside the migration.
    why: "a statement reading all of it (… FROM / JOIN it)",
    matches: (s, t) =>
      /^(insert|update|delete|with|select|create\s+table\s+\w+\s+as)\b/.test(s) &&
      new RegExp(`\\b(from|join)\\s+${on(t)}(?!\\s+where\\s+false)`).test(s),
  },
  {
    why: "VACUUM FULL / CLUSTER rewrites it",
    matches: (s, t) =>
      new RegExp(`^(vacuum\\s+(\\(\\s*)?full\\b[^;]*|cluster\\s+)${on(t)}`).test(s),
  },
];

/** The statements a migration runs, lower case, one line each; comments and the bodies of
 * functions it defines (they run later, per row, not during the migration) left out. DO blocks'
 * statements stay in: they run now. */
export function statementsOf(sql: string): string[] {
  return sql
    .replace(/--.*$/gm, "")
    .replace(/\bas\s+\$(\w*)\$[\s\S]*?\$\1\$/gi, "as $$ $$")
    .replace(/\$\w*\$/g, " ")
    .split(";")
    .map((statement) => statement.replace(/\s+/g, " ").trim().toLowerCase())
    .filter((statement) => statement !== "");
}

/** Why each statement of sql is slow on a large table; empty when none is. */
export function largeTableScans(sql: string): string[] {
  const statements = statementsOf(sql);
  const created = new Set(
    statements.flatMap(
      (s) => /^create\s+table\s+(?:if\s+not\s+exists\s+)?(\w+)/.exec(s)?.[1] ?? [],
    ),
  );
  const found: string[] = [];
  for (const table of largeTables) {
    if (created.has(table)) continue;
    for (const statement of statements) {
      // A DO block's first statement follows "do [declare …] begin [… loop]".
      const bare = statement.replace(
        /^(?:do\s+)?(?:declare\b.*?\b)?(?:begin\s+)?(?:.*\bloop\s+)?/,
        "",
      );
      for (const rule of rules)
        if (rule.matches(bare, table)) found.push(`${table}: ${rule.why}: ${bare.slice(0, 80)}`);
    }
  }
  return found;
}
