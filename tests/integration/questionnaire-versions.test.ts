import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disclosureDefault } from "../../shared/disclosure.ts";
import { type Answers, answerCodes } from "../../shared/questionnaire.ts";
import type { ReportReply, StudyReply } from "../../shared/report-contract.ts";
import type { ResponsePayload } from "../../shared/response.ts";
import { addApiToken, addKiosk, addSite } from "../../sync-server/admin/verbs.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { interview } from "../helpers/fixtures.ts";
import { rollupMismatches } from "../helpers/rollup-consistency.ts";
import { postSync, syncBody } from "../helpers/sync-payloads.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

/**
 * Issue 14, version 2: a kiosk still on questionnaire 1 and one on 2 sync side by side. The
 * core figures count both; why not (no_help_reasons) has its own N, the version-2 citizens who
 * answered got_help = no, under the same small-group rule as every figure.
 */
let db: TestDatabase;
let server: TestServer;
let authorization: string;
let tokens: { v1: string; v2: string };

const reasonsOf = answerCodes("no_help_reasons");
/** Two busy days (2 and 3 March) and a quiet one (4 March), 10:00 Copenhagen time on. */
const at = (day: number, i: number) => new Date(Date.UTC(2026, 2, day, 9, i));

/** Version 1: every fourth citizen did not get help; never asked why. */
function versionOne(day: number, count: number, seq0: number): ResponsePayload[] {
  return Array.from({ length: count }, (_, i) =>
    interview(
      seq0 + i,
      at(day, i),
      { got_help: i % 4 === 0 ? "no" : "yes", seen_heard: "yes" },
      {
        questionnaire: 1,
      },
    ),
  );
}

/** Version 2: every third did not get help, and (mostly) said why; some skipped the reasons. */
function versionTwo(day: number, count: number, seq0: number): ResponsePayload[] {
  return Array.from({ length: count }, (_, i) => {
    const answers: Answers = { got_help: i % 3 === 0 ? "no" : "yes", seen_heard: "yes" };
    if (answers.got_help === "no" && i % 5 !== 3) {
      answers.no_help_reasons = reasonsOf.filter((_, r) => (i + r) % 3 !== 0);
    }
    return interview(seq0 + i, at(day, i), answers, { questionnaire: 2 });
  });
}

const v1 = [...versionOne(2, 24, 1), ...versionOne(3, 20, 25)];
const v2 = [...versionTwo(2, 30, 1), ...versionTwo(3, 27, 31), ...versionTwo(4, 6, 58)];

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db.pool);
  const site = await addSite(db.pool, { name: "Rådhuset", municipality: "Versionskommune" });
  tokens = {
    v1: (await addKiosk(db.pool, { siteId: site.siteId, name: "Gammel" })).token,
    v2: (await addKiosk(db.pool, { siteId: site.siteId, name: "Ny" })).token,
  };
  authorization = `Bearer ${(await addApiToken(db.pool, { role: "analyst", siteIds: [] })).token}`;
  for (const [token, payloads] of [
    [tokens.v1, v1],
    [tokens.v2, v2],
  ] as const) {
    const reply = await postSync(server.baseUrl, token, syncBody(payloads));
    expect(reply.status).toBe(200);
    expect(reply.body.accepted).toHaveLength(payloads.length);
  }
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${server.baseUrl}/api/v1/${path}`, { headers: { authorization } });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

const count = (payloads: ResponsePayload[], test: (answers: Answers) => boolean) =>
  payloads.filter((payload) => test(payload.answers)).length;
const askedWhy = (payloads: ResponsePayload[]) =>
  payloads.filter((p) => p.questionnaire >= 2 && p.answers.got_help === "no");

describe("questionnaire 1 and 2 side by side", () => {
  it("stores both and keeps the rollups equal to the raw rows", async () => {
    expect(await rollupMismatches(db.pool)).toEqual([]);
  });

  it("refuses the reasons from a version-1 kiosk, and without got_help = no", async () => {
    const reasons = { no_help_reasons: ["staff_busy" as const] };
    const reply = await postSync(
      server.baseUrl,
      tokens.v1,
      syncBody([
        interview(100, at(5, 0), { got_help: "no", ...reasons }, { questionnaire: 1 }),
        interview(101, at(5, 1), { got_help: "yes", ...reasons }, { questionnaire: 2 }),
        interview(102, at(5, 2), reasons, { questionnaire: 2 }),
        interview(103, at(5, 3), { got_help: "no" }, { questionnaire: 3 }),
      ]),
    );
    expect(reply.status).toBe(200);
    expect((reply.body.rejected as { code: string }[]).map((r) => r.code)).toEqual([
      "unknown_question",
      "no_help_reasons_without_got_help_no",
      "no_help_reasons_without_got_help_no",
      "unknown_questionnaire",
    ]);
  });

  it("counts the core questions over both versions, the reasons over version 2's no", async () => {
    const all = [...v1, ...v2];
    const report = await getJson<ReportReply>("report?from=2026-03-02&to=2026-03-04");
    expect(report.responses).toBe(all.length);
    expect(report.questions.got_help.counts).toEqual({
      yes: count(all, (a) => a.got_help === "yes"),
      no: count(all, (a) => a.got_help === "no"),
    });
    const why = askedWhy(all);
    expect(report.questions.no_help_reasons.n).toBe(why.length);
    // N is those asked, not those who ticked something: skipping is an answer of none.
    expect(why.some((p) => p.answers.no_help_reasons === undefined)).toBe(true);
    for (const reason of reasonsOf) {
      const ticked = count(why, (a) => a.no_help_reasons?.includes(reason) === true);
      expect(report.questions.no_help_reasons.counts[reason], reason).toBe(ticked);
      expect(report.questions.no_help_reasons.percent[reason]).toBeCloseTo(
        (100 * ticked) / why.length,
        0,
      );
    }
  });

  it("hides why not on a day with fewer than k version-2 no's, however many answered got_help", async () => {
    const quiet = v2.filter((p) => p.startedAt.startsWith("2026-03-04"));
    expect(askedWhy(quiet).length).toBeLessThan(disclosureDefault);
    const report = await getJson<ReportReply>("report?from=2026-03-02&to=2026-03-04");
    const day = report.daily.find((d) => d.date === "2026-03-04");
    expect(day?.questions.no_help_reasons).toMatchObject({ n: null, suppressed: true });
    expect(day?.questions.no_help_reasons.counts.staff_busy).toBeNull();
    // The other days: one margin, so another one is hidden too (else total − shown = hidden).
    const hidden = report.daily.filter((d) => d.questions.no_help_reasons.suppressed);
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    expect(report.questions.no_help_reasons.suppressed).toBe(false);
  });

  it("shows why not on the study page, under got help", async () => {
    const study = await getJson<StudyReply>("dashboard/study?from=2026-03-02&to=2026-03-04");
    const why = askedWhy([...v1, ...v2]);
    expect(study.gotHelp.n).toBe(v1.length + v2.length);
    expect(study.gotHelp.reasons).toMatchObject({ question: "no_help_reasons", n: why.length });
    expect(study.gotHelp.reasons.answers.map((a) => a.code)).toEqual(reasonsOf);
    expect(study.gotHelp.reasons.text.da).toMatch(/^Hvorfor fik du ikke/);
  });

  it("exports the reasons: 0/1 where asked, empty for version 1 and for got help", async () => {
    const response = await fetch(
      `${server.baseUrl}/api/v1/export/responses.csv?from=2026-03-02&to=2026-03-04`,
      { headers: { authorization } },
    );
    expect(response.status).toBe(200);
    const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(v1.length + v2.length);
    const columns = reasonsOf.map((reason) => `no_help_${reason}`);
    for (const row of rows) {
      const asked = row.questionnaire === "2" && row.got_help === "no";
      for (const column of columns) expect(row[column]).toMatch(asked ? /^[01]$/ : /^$/);
    }
    const ticked = (reason: string) =>
      rows.filter((row) => row[`no_help_${reason}`] === "1").length;
    for (const reason of reasonsOf) {
      expect(ticked(reason)).toBe(
        count(askedWhy(v2), (a) => a.no_help_reasons?.includes(reason) === true),
      );
    }
    const codebook = await getJson<{
      columns: { name: string; question?: { version: number }[] }[];
    }>("export/codebook");
    for (const column of columns) {
      const entry = codebook.columns.find((c) => c.name === column);
      expect(entry?.question?.map((q) => q.version)).toEqual([2]);
    }
  });
});
