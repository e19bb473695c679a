import { createHash } from "node:crypto";
import { z } from "zod";

/**
 * The backup file: gzip of lines. A header, then each table as a COPY text block, then a
 * manifest that vouches for what came before:
 *
 *   BORGERPULS-BACKUP {"format":1,"schemaVersion":6,…}
 *   TABLE {"name":"municipalities"}
 *   <COPY text rows>
 *   \.
 *   …
 *   MANIFEST {"tables":[{"name":…,"rows":…,"checksum":…}],…}
 *
 * `\.` alone on a line cannot be a COPY text row (a backslash in data is written `\\`), so it
 * ends a block unambiguously, as in pg_dump's plain format.
 */

export const formatVersion = 1;
export const headerTag = "BORGERPULS-BACKUP ";
export const tableTag = "TABLE ";
export const manifestTag = "MANIFEST ";
export const endOfRows = "\\.";

const tableSchema = z.object({ name: z.string().min(1), columns: z.array(z.string().min(1)) });

export const headerSchema = z.object({
  format: z.literal(formatVersion),
  appVersion: z.string(),
  schemaVersion: z.number().int().min(1),
  /** Every migration applied, so a restore can tell a backup of another build. */
  migrations: z.array(z.object({ version: z.number().int(), name: z.string() })),
  /** The snapshot's own clock (now() in the backup transaction). */
  snapshotAt: z.string(),
  tables: z.array(tableSchema),
  /** First days of the months that had their own responses partition. */
  responsePartitionMonths: z.array(z.string().regex(/^\d{4}-\d{2}-01$/)),
});
export type BackupHeader = z.infer<typeof headerSchema>;

export const tableLineSchema = z.object({ name: z.string().min(1) });

const tableSummarySchema = z.object({
  name: z.string(),
  rows: z.number().int().min(0),
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
});
export type TableSummary = z.infer<typeof tableSummarySchema>;

export const manifestSchema = z.object({
  tables: z.array(tableSummarySchema),
  sequences: z.array(
    z.object({ name: z.string(), lastValue: z.string().nullable(), isCalled: z.boolean() }),
  ),
  totalRows: z.number().int().min(0),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

/**
 * An order-independent checksum of a table's rows: the sum, lane by lane mod 2³², of each
 * row's SHA-256. The restored table is read back in whatever order PostgreSQL returns it, so
 * the checksum must not depend on order; a sum (unlike XOR) does not cancel repeated rows.
 */
export class RowChecksum {
  private readonly lanes = new Uint32Array(8);
  rows = 0;

  add(row: Uint8Array): void {
    const digest = createHash("sha256").update(row).digest();
    for (let lane = 0; lane < 8; lane += 1) {
      this.lanes[lane] = ((this.lanes[lane] ?? 0) + digest.readUInt32BE(lane * 4)) >>> 0;
    }
    this.rows += 1;
  }

  hex(): string {
    return Array.from(this.lanes, (lane) => lane.toString(16).padStart(8, "0")).join("");
  }
}

/**
 * Feeds each complete line of a byte stream (without its newline) to onLine; keeps the
 * unfinished tail for the next chunk. Works on bytes: COPY text is not split into strings.
 */
export class LineScanner {
  private tail: Buffer = Buffer.alloc(0);

  constructor(private readonly onLine: (line: Buffer) => void) {}

  push(chunk: Buffer): void {
    const data = this.tail.length > 0 ? Buffer.concat([this.tail, chunk]) : chunk;
    let start = 0;
    for (let end = data.indexOf(10, start); end !== -1; end = data.indexOf(10, start)) {
      this.onLine(data.subarray(start, end));
      start = end + 1;
    }
    this.tail = Buffer.from(data.subarray(start));
  }

  /** True when the stream ended on a line break, as COPY output always does. */
  endsCleanly(): boolean {
    return this.tail.length === 0;
  }
}
