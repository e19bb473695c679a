import type { Queryable } from "../db.ts";

/**
 * What the database itself says about our tables (pg_catalog): used by backup and restore,
 * which must cover every table without a hand-kept list that could drift from the migrations.
 */

export type DataTable = {
  name: string;
  /** Columns a COPY can write: generated and dropped columns left out, in attnum order. */
  columns: string[];
};

/** The schema's own bookkeeping, recreated by migrate(), not data. */
const bookkeeping = ["schema_migrations"];

/**
 * Every ordinary or partitioned table in the public schema (partitions are reached through
 * their parent), parents before the tables whose foreign keys point at them.
 */
export async function listDataTables(db: Queryable): Promise<DataTable[]> {
  const tables = await db.query<{ name: string; columns: string[] }>(
    `select c.relname as name,
            array_agg(a.attname::text order by a.attnum) as columns
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                          and a.attgenerated = ''
      where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
        and c.relname <> all ($1::text[])
      group by c.relname
      order by c.relname`,
    [bookkeeping],
  );
  const edges = await db.query<{ child: string; parent: string }>(
    `select child.relname as child, parent.relname as parent
       from pg_constraint k
       join pg_class child on child.oid = k.conrelid
       join pg_class parent on parent.oid = k.confrelid
       join pg_namespace n on n.oid = child.relnamespace
      where k.contype = 'f' and n.nspname = 'public' and child.oid <> parent.oid
        and not child.relispartition`,
  );
  return dependencyOrder(tables.rows, edges.rows);
}

/** Kahn's algorithm, alphabetical among equals so two backups of one schema list alike. */
export function dependencyOrder<T extends { name: string }>(
  tables: readonly T[],
  edges: readonly { child: string; parent: string }[],
): T[] {
  const byName = new Map(tables.map((table) => [table.name, table]));
  const parents = new Map(tables.map((table) => [table.name, new Set<string>()]));
  for (const { child, parent } of edges) {
    if (byName.has(child) && byName.has(parent)) parents.get(child)?.add(parent);
  }
  const ordered: T[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = [...byName.keys()]
      .filter(
        (name) => !placed.has(name) && [...(parents.get(name) ?? [])].every((p) => placed.has(p)),
      )
      .sort();
    if (ready.length === 0) throw new Error("foreign keys form a cycle; cannot order the tables");
    for (const name of ready) {
      placed.add(name);
      const table = byName.get(name);
      if (table) ordered.push(table);
    }
  }
  return ordered;
}

/** The monthly partitions of responses (responses_pYYYYMM) as first days of their months. */
export async function listResponsePartitionMonths(db: Queryable): Promise<string[]> {
  const result = await db.query<{ month: string }>(
    `select to_char(to_date(substr(c.relname, 12), 'YYYYMM'), 'YYYY-MM-DD') as month
       from pg_inherits i
       join pg_class c on c.oid = i.inhrelid
      where i.inhparent = 'responses'::regclass and c.relname ~ '^responses_p[0-9]{6}$'
      order by 1`,
  );
  return result.rows.map((row) => row.month);
}

export type SequenceState = { name: string; lastValue: string | null; isCalled: boolean };

export async function listSequences(db: Queryable): Promise<SequenceState[]> {
  const result = await db.query<{ name: string; last_value: string | null; is_called: boolean }>(
    `select s.relname as name, pg_sequence_last_value(s.oid)::text as last_value,
            pg_sequence_last_value(s.oid) is not null as is_called
       from pg_class s join pg_namespace n on n.oid = s.relnamespace
      where s.relkind = 'S' and n.nspname = 'public'
      order by 1`,
  );
  return result.rows.map((row) => ({
    name: row.name,
    lastValue: row.last_value,
    isCalled: row.is_called,
  }));
}

/** Sets a sequence the catalog named (regclass parameter: nothing interpolated). */
export async function setSequence(db: Queryable, state: SequenceState): Promise<void> {
  if (state.lastValue === null) return;
  await db.query("select setval($1::regclass, $2::bigint, $3)", [
    state.name,
    state.lastValue,
    state.isCalled,
  ]);
}

/** The highest migration applied; 0 on an empty database. */
export async function schemaVersion(db: Queryable): Promise<number> {
  const exists = await db.query<{ present: boolean }>(
    "select to_regclass('schema_migrations') is not null as present",
  );
  if (!exists.rows[0]?.present) return 0;
  const result = await db.query<{ version: number | null }>(
    "select max(version) as version from schema_migrations",
  );
  return result.rows[0]?.version ?? 0;
}
