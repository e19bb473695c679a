import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { projectRoot } from "../helpers/run-script.ts";

/**
 * The schema stays ready for Citus (../shared/scale-out.md, docs/scale-out.md): every tenant
 * table is distributed by municipality_id, and Citus needs the distribution column in every
 * primary key, unique constraint and unique index, and in both sides of a foreign key between
 * distributed tables. Read from the catalogue of the migrated schema, so a new table or key
 * is checked without anyone remembering to.
 */

/** The only public tables without municipality_id, each with why it is not tenant data. */
const notTenantTables = new Map<string, string>([
  ["municipalities", "the tenants themselves: a Citus reference table (copied to every node)"],
  ["schema_migrations", "which migrations ran: one per deployment, on the coordinator"],
  ["readiness_probe", "the health check's one-row write probe: per deployment, coordinator"],
  ["fingerprint_keys", "the deployment's fingerprint key ids: reference table"],
  ["rate_limit_hits", "per client address, which belongs to no municipality: coordinator"],
  ["login_failures", "per e-mail typed at log-in (none or several municipalities): coordinator"],
]);

type Table = { name: string; hasTenantColumn: boolean; replicaIdentity: string };
type Key = { table: string; name: string; kind: string; columns: string[] };
type ForeignKey = Key & { target: string; targetColumns: string[] };

let db: TestDatabase;
let tables: Table[];

beforeAll(async () => {
  db = await createTestDatabase();
  // Partitions (responses_pYYYYMM) follow their parent; only parents are listed.
  const result = await db.pool.query<Table>(
    `select c.relname as name,
            exists (select 1 from pg_attribute a where a.attrelid = c.oid
                    and a.attname = 'municipality_id' and not a.attisdropped) as "hasTenantColumn",
            c.relreplident as "replicaIdentity"
     from pg_class c
     where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
       and not c.relispartition
     order by 1`,
  );
  tables = result.rows;
});

afterAll(async () => {
  await db?.drop();
});

function tenantTables(): string[] {
  return tables.filter((table) => !notTenantTables.has(table.name)).map((table) => table.name);
}

/** Column names of a constraint's or index's key, in order. */
const keyColumns = (attnums: string, relation: string) =>
  `array(select a.attname from unnest(${attnums}) with ordinality k(attnum, ord)
         join pg_attribute a on a.attrelid = ${relation} and a.attnum = k.attnum
         order by k.ord)::text[]`;

async function foreignKeys(): Promise<ForeignKey[]> {
  const keys = await db.pool.query<ForeignKey>(
    `select c.relname as table, con.conname as name, 'foreign key' as kind,
            t.relname as target,
            ${keyColumns("con.conkey", "con.conrelid")} as columns,
            ${keyColumns("con.confkey", "con.confrelid")} as "targetColumns"
     from pg_constraint con
     join pg_class c on c.oid = con.conrelid
     join pg_class t on t.oid = con.confrelid
     where con.contype = 'f' and c.relnamespace = 'public'::regnamespace
       and not c.relispartition`,
  );
  return keys.rows;
}

describe("the schema is Citus-ready", () => {
  it("has municipality_id on every table but the few listed as not tenant data", () => {
    expect(tables.length).toBeGreaterThan(20);
    const missing = tables.filter((t) => !t.hasTenantColumn && !notTenantTables.has(t.name));
    expect(missing.map((t) => t.name)).toEqual([]);
    // The list stays true: each table on it exists and really has no municipality_id.
    for (const name of notTenantTables.keys())
      expect(tables.find((t) => t.name === name)?.hasTenantColumn, name).toBe(false);
  });

  it("leads every tenant table's primary key, unique constraint and unique index with municipality_id, and gives each a replica identity", async () => {
    const keys = await db.pool.query<Key>(
      `select c.relname as table, i.relname as name,
              case when x.indisprimary then 'primary key' else 'unique' end as kind,
              ${keyColumns("x.indkey::int2[]", "x.indrelid")} as columns
       from pg_index x
       join pg_class c on c.oid = x.indrelid
       join pg_class i on i.oid = x.indexrelid
       where x.indisunique and c.relname = any($1::text[])
         and c.relnamespace = 'public'::regnamespace`,
      [tenantTables()],
    );
    // Citus moves shards by logical replication: a table without a primary key needs another
    // replica identity (FULL, or a unique index on NOT NULL columns) for its updates to move.
    const withKeys = new Set(keys.rows.filter((k) => k.kind === "primary key").map((k) => k.table));
    const unmovable = tables.filter(
      (t) =>
        !notTenantTables.has(t.name) &&
        !withKeys.has(t.name) &&
        !["f", "i"].includes(t.replicaIdentity),
    );
    expect(unmovable.map((t) => t.name)).toEqual([]);
    const wrong = keys.rows.filter((key) => key.columns[0] !== "municipality_id");
    expect(wrong.map((k) => `${k.table} ${k.kind} ${k.name} (${k.columns.join(", ")})`)).toEqual(
      [],
    );
  });

  it("keeps municipality_id on both sides of every foreign key between tenant tables, in the same place", async () => {
    const keys = { rows: await foreignKeys() };
    expect(keys.rows.length).toBeGreaterThan(10);
    const tenant = new Set(tenantTables());
    const problems: string[] = [];
    for (const key of keys.rows) {
      const label = `${key.table}.${key.name} → ${key.target}`;
      // A reference table must not point into distributed data (Citus refuses it).
      if (!tenant.has(key.table) && tenant.has(key.target))
        problems.push(`${label}: into tenant data`);
      if (!tenant.has(key.table) || !tenant.has(key.target)) continue;
      const from = key.columns.indexOf("municipality_id");
      const to = key.targetColumns.indexOf("municipality_id");
      if (from < 0 || from !== to)
        problems.push(`${label} (${key.columns}) → (${key.targetColumns})`);
    }
    expect(problems).toEqual([]);
  });

  it("is distributed by docs/scale-out.md's calls: every tenant table, in foreign-key order", async () => {
    const doc = fs.readFileSync(path.join(projectRoot, "docs", "scale-out.md"), "utf8");
    const called = (fn: string) =>
      [...doc.matchAll(new RegExp(`select ${fn}\\('(\\w+)'`, "g"))].map((m) => m[1] ?? "");
    const distributed = called("create_distributed_table");
    expect([...distributed].sort()).toEqual(tenantTables().sort());
    for (const name of called("create_reference_table"))
      expect(notTenantTables.has(name), name).toBe(true);
    // A table is distributed after the tenant tables its foreign keys point to.
    for (const key of await foreignKeys()) {
      if (!distributed.includes(key.target) || key.target === key.table) continue;
      expect(distributed.indexOf(key.target), `${key.table} → ${key.target}`).toBeLessThan(
        distributed.indexOf(key.table),
      );
    }
  });
});
