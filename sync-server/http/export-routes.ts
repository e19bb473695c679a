import { pipeline } from "node:stream/promises";
import express, { type Request, type Response, type Router } from "express";
import {
  codebookColumns,
  codebookMarkdown,
  exportColumnNamesFor,
  figuresCodebookColumns,
} from "../../shared/codebook.ts";
import { AppError } from "../../shared/errors.ts";
import { localCodebookColumns, localColumnName } from "../../shared/local-codebook.ts";
import { questionnaireVersion } from "../../shared/questionnaire.ts";
import type { AuditReply } from "../../shared/report-contract.ts";
import type { Pool, ReadPool } from "../db.ts";
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
import { insertAuditEntries, listAuditEntries } from "../queries/audit-log.ts";
import { hasExactTimes } from "../queries/export-grants.ts";
import { copyResponsesCsv, countExportRows } from "../queries/export-responses.ts";
import { listLocalVersions } from "../queries/local-questions.ts";
import { loadReportContext } from "../reports/report-context.ts";
import { requireRole, requireViewer, type Viewer, viewerOf } from "./viewer-auth.ts";
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

/** The query as given (strings), for the audit log: what was asked, not what we parsed. */
function askedParameters(req: Request): Record<string, unknown> {
  return Object.fromEntries(Object.entries(req.query));
}

async function auditExport(
  pool: Pool,
  req: Request,
  viewer: Viewer,
  action: "export.responses" | "export.figures",
  details: Record<string, unknown>,
): Promise<void> {
  await insertAuditEntries(pool, [
    {
      municipalityId: viewer.municipalityId,
      actorKind: viewer.tokenId ? "token" : "user",
      actorId: viewer.tokenId ?? viewer.userId ?? null,
      action,
      details: { parameters: askedParameters(req), ...details },
      ip: req.ip ?? null,
    },
  ]);
}

/** times=exact: admins, and analysts (users or tokens) an admin has granted it; else 403. */
async function checkTimes(pool: Pool, viewer: Viewer, times: "hour" | "exact"): Promise<void> {
  if (times === "hour" || viewer.role === "admin") return;
  if (await hasExactTimes(pool, viewer)) return;
  throw new AppError(
    "forbidden",
    "Exact times (times=exact) need a grant from an admin; leave times out for times to the hour.",
  );
}

/**
 * /api/v1/export: raw rows for analysts and admins (chiefs get figures), figures for everyone
 * who reads reports, and the codebook. Every export is written to the audit log.
 */
export function exportRoutes(pool: Pool, reads: ReadPool, logger: Logger): Router {
  const router = express.Router();
  router.use(requireViewer(pool));
  const rawRows = requireRole("analyst", "admin");

  router.get("/responses.csv", rawRows, async (req, res) => {
    const db = reads();
    const query = parseQuery(responsesCsvSchema, req.query);
    const viewer = viewerOf(res);
    await checkTimes(pool, viewer, query.times);
    const scope = await resolveScope(pool, viewer, query);
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
      times: query.times,
    } as const;
    const local = await listLocalVersions(db, viewer.municipalityId);
    const client = await db.connect();
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
      `${excel ? "\ufeff" : ""}${[...exportColumnNamesFor(query.times), ...local.map(localColumnName)].join(format.delimiter)}${excel ? "\r\n" : "\n"}`,
    );
    let completed = false;
    let rows: number | null = null;
    try {
      // A download streams as fast as the browser reads it, which may take longer than any
      // statement should; only this COPY is exempt from DB_STATEMENT_TIMEOUT_MS.
      await client.query("set statement_timeout = 0");
      const csv = copyResponsesCsv(client, filter, format, local);
      await (excel ? pipeline(csv, new CrlfRecords(), res) : pipeline(csv, res));
      rows = (csv as { rowCount?: number }).rowCount ?? null;
      completed = true;
      await client.query("reset statement_timeout");
      release(false);
    } catch (error) {
      // A client that goes away mid-download aborts the COPY; that connection is not reusable.
      release(true);
      if (!res.writableEnded) logger.warn({ err: error }, "export stream ended early");
      res.destroy();
    } finally {
      // Written when the download ends, so the entry has the rows that were actually sent.
      await auditExport(pool, req, viewer, "export.responses", { rows, completed }).catch(
        (error: unknown) => logger.error({ err: error }, "could not audit an export"),
      );
    }
  });

  // Asked before a download, so the dashboard can show progress while the file streams
  // (counting inside the download would delay its first byte).
  router.get("/responses/count", rawRows, async (req, res) => {
    const db = reads();
    const query = parseQuery(responsesCsvSchema, req.query);
    const scope = await resolveScope(pool, viewerOf(res), query);
    const filter = {
      ...scope,
      from: query.from,
      to: query.to,
      includeSuspect: query.includeSuspect,
    };
    res.set("Cache-Control", "no-store").json({ rows: await countExportRows(db, filter) });
  });

  router.get("/figures.csv", async (req, res) => {
    const db = reads();
    const query = parseQuery(figuresCsvSchema, req.query);
    const viewer = viewerOf(res);
    const scope = await resolveScope(pool, viewer, query);
    const figureScope = { ...scope, includeSuspect: query.includeSuspect };
    const rows = await figuresTable(
      db,
      figureScope,
      query,
      await loadReportContext(db, figureScope),
    );
    await auditExport(pool, req, viewer, "export.figures", { rows: rows.length });
    res.type("text/csv; charset=utf-8");
    attachment(
      res,
      exportFileName(`tal-pr-${danishBy[query.by]}`, scope.siteName, query.from, query.to),
    );
    res.send(figuresCsv(rows, query.dialect));
  });

  // The core columns, then the viewer's municipality's local question versions.
  router.get("/codebook", async (req, res) => {
    const db = reads();
    const unknown = Object.keys(req.query).filter((name) => name !== "format");
    const format = req.query.format;
    if (unknown.length || (format !== undefined && format !== "md" && format !== "json")) {
      throw new AppError(
        "invalid_request",
        "The codebook knows one parameter: format=md or format=json.",
      );
    }
    const localColumns = localCodebookColumns(
      await listLocalVersions(db, viewerOf(res).municipalityId),
    );
    if (format === "md") {
      res.type("text/markdown; charset=utf-8").send(codebookMarkdown(localColumns));
      return;
    }
    res.json({
      questionnaire: questionnaireVersion,
      columns: codebookColumns,
      localColumns,
      figuresColumns: figuresCodebookColumns,
    });
  });

  // The export trail, for admins: who exported what, when, with which parameters and rows.
  router.get("/log", requireRole("admin"), async (req, res) => {
    const unknown = Object.keys(req.query).filter((name) => name !== "before" && name !== "limit");
    if (unknown.length)
      throw new AppError("invalid_request", `Unknown parameter ${unknown.join(", ")}.`);
    const limitText = req.query.limit ?? "50";
    const limit = typeof limitText === "string" ? Number(limitText) : Number.NaN;
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
      throw new AppError("invalid_request", "limit must be a whole number from 1 to 200.");
    }
    const beforeText = req.query.before;
    const before = typeof beforeText === "string" ? new Date(beforeText) : undefined;
    if (beforeText !== undefined && (before === undefined || Number.isNaN(before.getTime()))) {
      throw new AppError("invalid_request", "before must be an ISO 8601 instant.");
    }
    const entries = await listAuditEntries(pool, {
      municipalityId: viewerOf(res).municipalityId,
      actionPrefix: "export.",
      ...(before ? { before } : {}),
      limit: limit + 1,
    });
    const page = entries.slice(0, limit);
    const reply: AuditReply = {
      entries: page.map(({ ip: _ip, at, ...entry }) => ({ ...entry, at: at.toISOString() })),
      next: entries.length > limit ? (page.at(-1)?.at.toISOString() ?? null) : null,
    };
    res.set("Cache-Control", "no-store").json(reply);
  });

  return router;
}
