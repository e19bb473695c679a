import fs from "node:fs";
import { createGunzip } from "node:zlib";
import {
  type BackupHeader,
  type BackupManifest,
  endOfRows,
  headerSchema,
  headerTag,
  LineScanner,
  manifestSchema,
  manifestTag,
  RowChecksum,
  tableLineSchema,
  tableTag,
} from "./backup-format.ts";

export type BackupEvent =
  | { kind: "header"; header: BackupHeader }
  | { kind: "table"; name: string }
  /** Complete COPY text rows, newline-terminated, ready for COPY FROM. */
  | { kind: "rows"; data: Buffer; rowsSoFar: number }
  | { kind: "end-table"; name: string; rows: number; checksum: string }
  | { kind: "manifest"; manifest: BackupManifest };

export class BackupFileError extends Error {}

const endOfRowsBytes = Buffer.from(endOfRows);
const newline = Buffer.from("\n");
const maxControlLineBytes = 16 * 1024 * 1024;

function parseControl<T>(line: Buffer, tag: string, schema: { parse(value: unknown): T }): T {
  const text = line.toString("utf8");
  if (!text.startsWith(tag)) {
    throw new BackupFileError(
      `expected a ${tag.trim()} line, found ${JSON.stringify(text.slice(0, 40))}`,
    );
  }
  try {
    return schema.parse(JSON.parse(text.slice(tag.length)));
  } catch (error) {
    throw new BackupFileError(`its ${tag.trim()} line is damaged: ${(error as Error).message}`);
  }
}

/**
 * Reads a backup file as a stream of events, checking its structure (header first, blocks
 * closed, manifest last, nothing after it) and each table's rows and checksum as it goes.
 */
export async function* readBackup(file: string): AsyncGenerator<BackupEvent> {
  const state: { stage: "header" | "between" | "rows" | "done" } = { stage: "header" };
  let table: { name: string; checksum: RowChecksum } | undefined;
  let pendingRows: Buffer[] = [];
  const events: BackupEvent[] = [];
  const flushRows = () => {
    if (table && pendingRows.length > 0) {
      events.push({
        kind: "rows",
        data: Buffer.concat(pendingRows),
        rowsSoFar: table.checksum.rows,
      });
    }
    pendingRows = [];
  };
  const scanner = new LineScanner((line) => {
    if (state.stage === "rows" && table) {
      if (line.equals(endOfRowsBytes)) {
        flushRows();
        events.push({
          kind: "end-table",
          name: table.name,
          rows: table.checksum.rows,
          checksum: table.checksum.hex(),
        });
        table = undefined;
        state.stage = "between";
        return;
      }
      table.checksum.add(line);
      pendingRows.push(line, newline);
      return;
    }
    if (line.length > maxControlLineBytes)
      throw new BackupFileError("a control line is far too long");
    if (state.stage === "header") {
      events.push({ kind: "header", header: parseControl(line, headerTag, headerSchema) });
      state.stage = "between";
    } else if (
      state.stage === "between" &&
      line.toString("utf8", 0, tableTag.length) === tableTag
    ) {
      const { name } = parseControl(line, tableTag, tableLineSchema);
      table = { name, checksum: new RowChecksum() };
      events.push({ kind: "table", name });
      state.stage = "rows";
    } else if (state.stage === "between") {
      events.push({ kind: "manifest", manifest: parseControl(line, manifestTag, manifestSchema) });
      state.stage = "done";
    } else {
      throw new BackupFileError("there is data after its manifest");
    }
  });
  const input = fs.createReadStream(file).pipe(createGunzip());
  try {
    for await (const chunk of input) {
      scanner.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
      flushRows();
      yield* events.splice(0);
    }
  } catch (error) {
    if (error instanceof BackupFileError) throw error;
    throw new BackupFileError(`it cannot be read: ${(error as Error).message}`);
  } finally {
    input.destroy();
  }
  if (state.stage !== "done" || !scanner.endsCleanly()) {
    throw new BackupFileError("it ends early (no manifest): the file is incomplete");
  }
}
