import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type * as Contract from "../../shared/report-contract.ts";
import type * as Dashboard from "../../sync-server/dashboard/api/types.ts";
import { projectRoot } from "../../sync-server/frontends.ts";
import type { Comment as ServerComment } from "../../sync-server/queries/comments.ts";
import type { buildComparison } from "../../sync-server/reports/compare.ts";
import type { buildHeatmap } from "../../sync-server/reports/heatmap.ts";
import type { KioskHealthRow } from "../../sync-server/reports/kiosk-health.ts";
import type { buildReport } from "../../sync-server/reports/report.ts";
import type { buildStudy } from "../../sync-server/reports/study.ts";
import type { buildToday } from "../../sync-server/reports/today.ts";
import type { buildTrend } from "../../sync-server/reports/trend.ts";
import type { buildYearEarlier } from "../../sync-server/reports/year-earlier.ts";

/**
 * The report API has one contract, shared/report-contract.ts: the server's handlers return its
 * types, the dashboard reads them, and the dashboard imports nothing from sync-server/ outside
 * sync-server/dashboard (only shared/ and browser packages).
 */

/** Every module specifier a source file names (import/export … from, import(), bare import). */
function specifiersOf(source: string): string[] {
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/g;
  return [...source.matchAll(pattern)].map((match) => match[1] ?? "");
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "dist" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

const dashboardDir = path.join(projectRoot, "sync-server", "dashboard");
const sharedDir = path.join(projectRoot, "shared");
/** Packages that only run on the server (the browser app may not import them). */
const serverOnly = /^(node:|pg$|pg-|express$)/;

/** What a file imports that it must not: relative imports outside `allowed`, server packages. */
function forbiddenImports(file: string, allowed: readonly string[]): string[] {
  return specifiersOf(fs.readFileSync(file, "utf8")).filter((specifier) => {
    if (!specifier.startsWith(".")) return serverOnly.test(specifier);
    const target = path.resolve(path.dirname(file), specifier);
    return !allowed.some((dir) => target.startsWith(dir + path.sep));
  });
}

describe("the dashboard's dependencies", () => {
  it("finds the specifiers the check reads, so a forbidden import cannot slip past it", () => {
    const sample = `import a from "../../queries/x.ts";\nimport type { B } from '../b';\nexport { c } from "./c";\nconst d = import("../../../shared/d.ts");\nimport "./e.css";`;
    expect(specifiersOf(sample)).toEqual([
      "../../queries/x.ts",
      "../b",
      "./c",
      "../../../shared/d.ts",
      "./e.css",
    ]);
  });

  it("imports only itself and shared/, and no server package", () => {
    // vite.config.ts is the build's, run by Node, not part of the app.
    const files = sourceFiles(dashboardDir).filter((file) => !file.endsWith("vite.config.ts"));
    expect(files.length).toBeGreaterThan(20);
    const offending = files.flatMap((file) =>
      forbiddenImports(file, [dashboardDir, sharedDir]).map(
        (specifier) => `${path.relative(projectRoot, file)} → ${specifier}`,
      ),
    );
    expect(offending).toEqual([]);
  });

  it("reads the report contract, which itself imports only shared/", () => {
    const types = fs.readFileSync(path.join(dashboardDir, "api", "types.ts"), "utf8");
    expect(specifiersOf(types)).toContain("../../../shared/report-contract.ts");
    const contract = ["report-contract.ts", "dashboard-rows.ts"].map((name) =>
      path.join(sharedDir, name),
    );
    expect(contract.flatMap((file) => forbiddenImports(file, [sharedDir]))).toEqual([]);
  });
});

/** True when A and B are the same type; a false one fails `tsc` (part of npm test). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Reply<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

const agree = {
  report: true satisfies Same<Reply<typeof buildReport>, Contract.ReportReply>,
  today: true satisfies Same<Reply<typeof buildToday>, Contract.TodayReply>,
  trend: true satisfies Same<Reply<typeof buildTrend>, Contract.TrendReply>,
  study: true satisfies Same<Reply<typeof buildStudy>, Contract.StudyReply>,
  yearEarlier: true satisfies Same<Reply<typeof buildYearEarlier>, Contract.YearEarlierReply>,
  heatmap: true satisfies Same<Reply<typeof buildHeatmap>, Contract.HeatmapReply>,
  compare: true satisfies Same<Reply<typeof buildComparison>, Contract.CompareReply>,
  comments: true satisfies Same<ServerComment, Contract.Comment>,
  kiosks: true satisfies Same<KioskHealthRow, Contract.KioskHealth>,
  dashboardReport: true satisfies Same<Dashboard.Report, Contract.ReportReply>,
  dashboardStudy: true satisfies Same<Dashboard.Study, Contract.StudyReply>,
  dashboardComments: true satisfies Same<Dashboard.CommentPage, Contract.CommentPage>,
  dashboardKiosks: true satisfies Same<Dashboard.KiosksReply, Contract.KiosksReply>,
};

describe("the report contract on both sides", () => {
  it("is what the server's builders return and what the dashboard reads (checked by tsc)", () => {
    expect(Object.values(agree).every((value) => value)).toBe(true);
  });
});
