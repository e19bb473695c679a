import type { Readable, Writable } from "node:stream";
import { escapeIdentifier } from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import type { PoolClient, Queryable } from "../db.ts";
import type { DataTable } from "./catalog.ts";

/**
 * Whole-table COPY for backup and restore. Table and column names here always come from the
 * target database's own catalog (listDataTables), never from a file, and are quoted by pg.
 */

function columnList(table: DataTable): string {
  return table.columns.map(escapeIdentifier).join(", ");
}

/** Settings that make COPY's text identical on both sides (time zone, date style, floats). */
export async function setCanonicalCopyText(db: Queryable): Promise<void> {
  await db.query(
    "select set_config('timezone', 'UTC', true), set_config('datestyle', 'ISO, YMD', true), set_config('extra_float_digits', '3', true), set_config('bytea_output', 'hex', true), set_config('intervalstyle', 'postgres', true)",
  );
}

/** Every row in COPY text format (a query, so a partitioned table's partitions come too). */
export function copyTableOut(client: PoolClient, table: DataTable): Readable {
  const sql = `copy (select ${columnList(table)} from ${escapeIdentifier(table.name)}) to stdout`;
  return client.query(copyTo(sql));
}

export function copyTableIn(client: PoolClient, table: DataTable): Writable {
  const sql = `copy ${escapeIdentifier(table.name)} (${columnList(table)}) from stdin`;
  return client.query(copyFrom(sql));
}

export async function countRows(db: Queryable, table: DataTable): Promise<number> {
  const result = await db.query<{ n: number }>(
    `select count(*)::bigint as n from ${escapeIdentifier(table.name)}`,
  );
  return result.rows[0]?.n ?? 0;
}

export async function hasRows(db: Queryable, table: DataTable): Promise<boolean> {
  const result = await db.query<{ any: boolean }>(
    `select exists (select 1 from ${escapeIdentifier(table.name)}) as any`,
  );
  return result.rows[0]?.any ?? false;
}

/** No writer may slip rows in between the emptiness check and the restore's commit. */
export async function lockForRestore(db: Queryable, tables: readonly DataTable[]): Promise<void> {
  if (tables.length === 0) return;
  await db.query(
    `lock table ${tables.map((table) => escapeIdentifier(table.name)).join(", ")} in exclusive mode`,
  );
}
