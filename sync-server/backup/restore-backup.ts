import { once } from "node:events";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { AppError } from "../../shared/errors.ts";
import type { Pool, PoolClient } from "../db.ts";
import type { Logger } from "../logger.ts";
import { listMigrations, migrate } from "../migrate.ts";
import {
  type DataTable,
  listDataTables,
  listResponsePartitionMonths,
  schemaVersion,
  setSequence,
} from "../queries/catalog.ts";
import { ensureResponsePartitionsBetween } from "../queries/partitions.ts";
import {
  copyTableIn,
  copyTableOut,
  hasRows,
  lockForRestore,
  setCanonicalCopyText,
} from "../queries/table-copy.ts";
import {
  type BackupHeader,
  type BackupManifest,
  LineScanner,
  RowChecksum,
  type TableSummary,
} from "./backup-format.ts";
import { type BackupEvent, BackupFileError, readBackup } from "./read-backup.ts";

export type RestoreProgress = {
  phase: "load" | "verify";
  table: string;
  rows: number;
  totalRows: number;
};
export type RestoreResult = {
  schemaVersion: number;
  snapshotAt: string;
  /** Migrations applied after the load, when the backup came from an older release. */
  migratedTo: number;
  tables: TableSummary[];
  totalRows: number;
};

const progressEveryRows = 50_000;

/**
 * Loads a backup into an empty database and proves it arrived: the schema is built up to the
 * backup's version, every table is COPYed in and read back in one transaction, and only when
 * each table's row count and checksum equal the manifest's does it commit. Then migrations
 * newer than the backup run, so an old release's backup restores into this one.
 */
export async function restoreBackup(
  pool: Pool,
  file: string,
  logger: Logger,
  onProgress: (progress: RestoreProgress) => void = () => {},
): Promise<RestoreResult> {
  const events = readBackup(file);
  try {
    const first = await nextEvent(events);
    if (first.kind !== "header") throw new BackupFileError("it does not start with a header");
    const header = first.header;
    await prepareSchema(pool, header, logger);
    const tables = await matchTables(pool, header);
    const client = await pool.connect();
    let result: Omit<RestoreResult, "migratedTo">;
    try {
      await client.query("begin");
      await setCanonicalCopyText(client);
      await refuseUnlessEmpty(client, tables);
      await recreatePartitions(client, header);
      const manifest = await loadTables(client, tables, events, onProgress);
      await verifyTables(client, tables, manifest, onProgress);
      for (const sequence of manifest.sequences) await setSequence(client, sequence);
      await client.query("commit");
      result = {
        schemaVersion: header.schemaVersion,
        snapshotAt: header.snapshotAt,
        tables: manifest.tables,
        totalRows: manifest.totalRows,
      };
    } catch (error) {
      await client.query("rollback").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
    const applied = await migrate(pool, logger);
    return { ...result, migratedTo: applied.at(-1) ?? header.schemaVersion };
  } catch (error) {
    if (error instanceof BackupFileError) {
      throw new AppError("backup_unreadable", `${file} is not a usable backup: ${error.message}`);
    }
    throw error;
  } finally {
    await events.return(undefined);
  }
}

async function nextEvent(events: AsyncGenerator<BackupEvent>): Promise<BackupEvent> {
  const next = await events.next();
  if (next.done) throw new BackupFileError("it ends early (no manifest): the file is incomplete");
  return next.value;
}

/** Same migrations as this build up to the backup's version; the target not ahead of it. */
async function prepareSchema(pool: Pool, header: BackupHeader, logger: Logger): Promise<void> {
  const known = new Map(listMigrations().map((m) => [m.version, m.name]));
  for (const migration of header.migrations) {
    if (known.get(migration.version) !== migration.name) {
      throw new AppError(
        "backup_incompatible",
        `The backup's migration ${migration.version} (${migration.name}) is not this build's ${known.get(migration.version) ?? "(none)"}: restore it with the release that made it (${header.appVersion}) or newer.`,
      );
    }
  }
  const targetVersion = await schemaVersion(pool);
  if (targetVersion > header.schemaVersion) {
    throw new AppError(
      "backup_incompatible",
      `The target database is already at schema version ${targetVersion}, newer than the backup's ${header.schemaVersion}: restore into a database that was never migrated (a new DATA_DIR, or a new, empty database for DATABASE_URL).`,
    );
  }
  await migrate(pool, logger, undefined, { upTo: header.schemaVersion });
}

/** The file's tables and columns must be exactly the target's: names are then the target's. */
async function matchTables(pool: Pool, header: BackupHeader): Promise<DataTable[]> {
  const target = await listDataTables(pool);
  const describe = (tables: readonly DataTable[]) =>
    tables.map((table) => `${table.name}(${table.columns.join(",")})`).join(" ");
  if (describe(target) !== describe(header.tables)) {
    throw new AppError(
      "backup_incompatible",
      "The backup's tables or columns differ from this schema version's; it was not made by a Borgerpuls build of that version.",
    );
  }
  return target;
}

async function refuseUnlessEmpty(client: PoolClient, tables: readonly DataTable[]): Promise<void> {
  await lockForRestore(client, tables);
  for (const table of tables) {
    if (await hasRows(client, table)) {
      throw new AppError(
        "restore_target_not_empty",
        `The target database already holds data (table ${table.name} has rows): restore only into an empty database, e.g. a new DATA_DIR or a new database for DATABASE_URL.`,
      );
    }
  }
}

async function recreatePartitions(client: PoolClient, header: BackupHeader): Promise<void> {
  const months = header.responsePartitionMonths;
  const first = months[0];
  const last = months.at(-1);
  if (first === undefined || last === undefined) return;
  await ensureResponsePartitionsBetween(client, first, last);
  const present = new Set(await listResponsePartitionMonths(client));
  const missing = months.filter((month) => !present.has(month));
  if (missing.length > 0) {
    throw new AppError(
      "restore_verification_failed",
      `The responses partitions for ${missing.join(", ")} could not be recreated.`,
    );
  }
}

async function writeRows(stream: Writable, done: Promise<void>, data: Buffer): Promise<void> {
  if (!stream.write(data)) await Promise.race([once(stream, "drain"), done]);
}

/** COPYs each table's block in, in the file's (foreign-key) order; returns the manifest. */
async function loadTables(
  client: PoolClient,
  tables: readonly DataTable[],
  events: AsyncGenerator<BackupEvent>,
  onProgress: (progress: RestoreProgress) => void,
): Promise<BackupManifest> {
  const byName = new Map(tables.map((table) => [table.name, table]));
  const loaded: TableSummary[] = [];
  let totalRows = 0;
  for (;;) {
    const event = await nextEvent(events);
    if (event.kind === "manifest") {
      checkAgainstManifest(loaded, event.manifest, tables);
      return event.manifest;
    }
    if (event.kind !== "table")
      throw new BackupFileError(`unexpected ${event.kind} outside a table`);
    const table = byName.get(event.name);
    if (!table || loaded.some((summary) => summary.name === event.name)) {
      throw new BackupFileError(`it holds an unexpected table block "${event.name}"`);
    }
    const stream = copyTableIn(client, table);
    const done = finished(stream);
    done.catch(() => {});
    let summary: TableSummary;
    try {
      summary = await copyBlock(stream, done, table, events, (rows) =>
        onProgress({ phase: "load", table: table.name, rows, totalRows: totalRows + rows }),
      );
    } catch (error) {
      // CopyFail, so the connection leaves COPY mode and the transaction can roll back.
      stream.destroy(error instanceof Error ? error : new Error(String(error)));
      await done.catch(() => {});
      throw error;
    }
    loaded.push(summary);
    totalRows += summary.rows;
    onProgress({ phase: "load", table: table.name, rows: summary.rows, totalRows });
  }
}

/** One table's rows from the file into its COPY stream, until the block's end. */
async function copyBlock(
  stream: Writable,
  done: Promise<void>,
  table: DataTable,
  events: AsyncGenerator<BackupEvent>,
  onRows: (rowsSoFar: number) => void,
): Promise<TableSummary> {
  let lastReported = 0;
  for (;;) {
    const inner = await nextEvent(events);
    if (inner.kind === "rows") {
      await writeRows(stream, done, inner.data);
      if (inner.rowsSoFar - lastReported >= progressEveryRows) {
        lastReported = inner.rowsSoFar;
        onRows(inner.rowsSoFar);
      }
      continue;
    }
    if (inner.kind !== "end-table") throw new BackupFileError(`table ${table.name} is not closed`);
    stream.end();
    await done;
    return { name: table.name, rows: inner.rows, checksum: inner.checksum };
  }
}

/** What the file held must be what its manifest vouches for, table by table. */
function checkAgainstManifest(
  loaded: readonly TableSummary[],
  manifest: BackupManifest,
  tables: readonly DataTable[],
): void {
  const key = (summaries: readonly TableSummary[]) =>
    summaries.map((s) => `${s.name}:${s.rows}:${s.checksum}`).join(" ");
  if (key(loaded) !== key(manifest.tables) || loaded.length !== tables.length) {
    throw new AppError(
      "restore_verification_failed",
      "The backup's rows do not match its own manifest (the file was changed or damaged); nothing was restored.",
    );
  }
}

/** Reads every restored table back, as the backup read it, and compares with the manifest. */
async function verifyTables(
  client: PoolClient,
  tables: readonly DataTable[],
  manifest: BackupManifest,
  onProgress: (progress: RestoreProgress) => void,
): Promise<void> {
  let totalRows = 0;
  for (const table of tables) {
    const expected = manifest.tables.find((summary) => summary.name === table.name);
    const checksum = new RowChecksum();
    const scanner = new LineScanner((row) => checksum.add(row));
    for await (const chunk of copyTableOut(client, table)) {
      scanner.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    }
    totalRows += checksum.rows;
    onProgress({ phase: "verify", table: table.name, rows: checksum.rows, totalRows });
    if (!expected || expected.rows !== checksum.rows || expected.checksum !== checksum.hex()) {
      throw new AppError(
        "restore_verification_failed",
        `Table ${table.name} reads back ${checksum.rows} rows, the manifest says ${expected?.rows ?? 0} (or their checksum differs); nothing was restored.`,
      );
    }
  }
}
