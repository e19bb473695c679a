import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import type { Pool, PoolClient } from "../db.ts";
import { listAppliedMigrations } from "../migrate.ts";
import {
  listDataTables,
  listResponsePartitionMonths,
  listSequences,
  schemaVersion,
} from "../queries/catalog.ts";
import { copyTableOut, setCanonicalCopyText } from "../queries/table-copy.ts";
import { appVersion } from "../version.ts";
import {
  type BackupHeader,
  type BackupManifest,
  endOfRows,
  formatVersion,
  headerTag,
  LineScanner,
  manifestTag,
  RowChecksum,
  type TableSummary,
  tableTag,
} from "./backup-format.ts";

export type BackupProgress = { table: string; rows: number; totalRows: number };
export type BackupResult = {
  file: string;
  bytes: number;
  schemaVersion: number;
  snapshotAt: string;
  tables: TableSummary[];
  totalRows: number;
};

const progressEveryRows = 50_000;

/**
 * A consistent snapshot of every table while the server keeps taking syncs: one REPEATABLE
 * READ READ ONLY transaction (one snapshot for all tables; it blocks no writer), each table
 * COPYed out in foreign-key order. Written to file.partial and renamed at the end, so a crash
 * never leaves a file that looks complete.
 */
export async function writeBackup(
  pool: Pool,
  file: string,
  onProgress: (progress: BackupProgress) => void = () => {},
): Promise<BackupResult> {
  const target = path.resolve(file);
  const partial = `${target}.partial`;
  const client = await pool.connect();
  try {
    await client.query("begin isolation level repeatable read read only");
    await setCanonicalCopyText(client);
    const header = await readHeader(client);
    const summaries: TableSummary[] = [];
    let totalRows = 0;

    async function* content(): AsyncGenerator<Buffer | string> {
      yield `${headerTag}${JSON.stringify(header)}\n`;
      for (const table of header.tables) {
        yield `${tableTag}${JSON.stringify({ name: table.name })}\n`;
        const checksum = new RowChecksum();
        const scanner = new LineScanner((row) => {
          checksum.add(row);
          if (checksum.rows % progressEveryRows === 0) {
            onProgress({
              table: table.name,
              rows: checksum.rows,
              totalRows: totalRows + checksum.rows,
            });
          }
        });
        for await (const chunk of copyTableOut(client, table)) {
          const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
          scanner.push(bytes);
          yield bytes;
        }
        if (!scanner.endsCleanly()) throw new Error(`COPY of ${table.name} ended mid-row`);
        yield `${endOfRows}\n`;
        totalRows += checksum.rows;
        summaries.push({ name: table.name, rows: checksum.rows, checksum: checksum.hex() });
        onProgress({ table: table.name, rows: checksum.rows, totalRows });
      }
      const manifest: BackupManifest = {
        tables: summaries,
        sequences: await listSequences(client),
        totalRows,
      };
      yield `${manifestTag}${JSON.stringify(manifest)}\n`;
    }

    fs.mkdirSync(path.dirname(target), { recursive: true });
    await pipeline(
      Readable.from(content()),
      createGzip(),
      fs.createWriteStream(partial, { mode: 0o600 }),
    );
    await client.query("commit");
    fs.renameSync(partial, target);
    return {
      file: target,
      bytes: fs.statSync(target).size,
      schemaVersion: header.schemaVersion,
      snapshotAt: header.snapshotAt,
      tables: summaries,
      totalRows,
    };
  } catch (error) {
    await client.query("rollback").catch(() => {});
    fs.rmSync(partial, { force: true });
    throw error;
  } finally {
    client.release();
  }
}

async function readHeader(client: PoolClient): Promise<BackupHeader> {
  const version = await schemaVersion(client);
  if (version === 0)
    throw new Error("The database has no Borgerpuls schema yet: nothing to back up.");
  const snapshot = await client.query<{ at: Date }>("select now() as at");
  return {
    format: formatVersion,
    appVersion,
    schemaVersion: version,
    migrations: await listAppliedMigrations(client),
    snapshotAt: (snapshot.rows[0]?.at ?? new Date()).toISOString(),
    tables: await listDataTables(client),
    responsePartitionMonths: await listResponsePartitionMonths(client),
  };
}
