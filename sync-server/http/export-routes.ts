import { pipeline } from "node:stream/promises";
import express, { type Response, type Router } from "express";
import { codebookColumns, codebookMarkdown, exportColumnNames } from "../../shared/codebook.ts";
import { questionnaireVersion } from "../../shared/questionnaire.ts";
import type { Pool } from "../db.ts";
import { CrlfRecords } from "../export/crlf-records.ts";
import {
  exportFileName,
  figuresCsvSchema,
  parseQuery,
  responsesCsvSchema,
} from "../export/export-params.ts";
import { figuresCsv } from "../export/figures-csv.ts";
import { figuresTable } from "../export/figures-table.ts";
import type { Logger } from "../logger.ts";
import { copyResponsesCsv, countExportRows } from "../queries/export-responses.ts";
import { requireViewer, viewerOf } from "./viewer-auth.ts";
import { resolveScope } from "./viewer-scope.ts";

const danishBy = {
  day: "dag",
  week: "uge",
  month: "maaned",
  site: "sted",
  kiosk: "kiosk",
} as const;

function attachment(res: Response, fileName: string): void {
  res.set("Content-Disposition", `attachment; filename="${fileName}"`);
  res.set("Cache-Control", "no-store");
}

/** /api/v1/export: the analysts' raw data and codebook. */
export function exportRoutes(pool: Pool, logger: Logger): Router {
  const router = express.Router();
  router.use(requireViewer(pool));

  router.get("/responses.csv", async (req, res) => {
    const query = parseQuery(responsesCsvSchema, req.query);
    const scope = await resolveScope(pool, viewerOf(res), query);
    const filter = {
      ...scope,
      from: query.from,
      to: query.to,
      includeSuspect: query.includeSuspect,
    };
    const excel = query.dialect === "excel-da";
    const format = {
      delimiter: excel ? ";" : ",",
      labels: query.labels ?? "codes",
      guardFormulas: excel,
    } as const;
    const client = await pool.connect();
    let released = false;
    const release = (broken: boolean) => {
      if (released) return;
      released = true;
      client.release(broken);
    };
    res
      .status(200)
      .type(excel ? "text/csv; charset=utf-8; header=present" : "text/csv; charset=utf-8");
    attachment(res, exportFileName("svar", scope.siteName, query.from, query.to));
    // The header goes out now: sorting a million rows takes PostgreSQL a second or two before
    // its first row, and a download that shows nothing for that long looks broken.
    res.write(
      `${excel ? "\ufeff" : ""}${exportColumnNames.join(format.delimiter)}${excel ? "\r\n" : "\n"}`,
    );
    try {
      // A download streams as fast as the browser reads it, which may take longer than any
      // statement should; only this COPY is exempt from DB_STATEMENT_TIMEOUT_MS.
      await client.query("set statement_timeout = 0");
      const csv = copyResponsesCsv(client, filter, format);
      await (excel ? pipeline(csv, new CrlfRecords(), res) : pipeline(csv, res));
      await client.query("reset statement_timeout");
      release(false);
    } catch (error) {
      // A client that goes away mid-download aborts the COPY; that connection is not reusable.
      release(true);
      if (!res.writableEnded) logger.warn({ err: error }, "export stream ended early");
      res.destroy();
    }
  });

  // Asked before a download, so the dashboard can show progress while the file streams
  // (counting inside the download would delay its first byte).
  router.get("/responses/count", async (req, res) => {
    const query = parseQuery(responsesCsvSchema, req.query);
    const scope = await resolveScope(pool, viewerOf(res), query);
    const filter = {
      ...scope,
      from: query.from,
      to: query.to,
      includeSuspect: query.includeSuspect,
    };
    res.set("Cache-Control", "no-store").json({ rows: await countExportRows(pool, filter) });
  });

  router.get("/figures.csv", async (req, res) => {
    const query = parseQuery(figuresCsvSchema, req.query);
    const scope = await resolveScope(pool, viewerOf(res), query);
    const rows = await figuresTable(
      pool,
      { ...scope, includeSuspect: query.includeSuspect },
      query,
    );
    res.type("text/csv; charset=utf-8");
    attachment(
      res,
      exportFileName(`tal-pr-${danishBy[query.by]}`, scope.siteName, query.from, query.to),
    );
    res.send(figuresCsv(rows, query.dialect));
  });

  router.get("/codebook", (req, res) => {
    if (req.query.format === "md") {
      res.type("text/markdown; charset=utf-8").send(codebookMarkdown());
      return;
    }
    res.json({ questionnaire: questionnaireVersion, columns: codebookColumns });
  });

  return router;
}
