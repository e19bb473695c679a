import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StudyFigure, StudyReply } from "../../shared/report-contract.ts";
import { addApiToken, addKiosk, addSite } from "../../sync-server/admin/verbs.ts";
import {
  countsByDate,
  countsByDateFromResponses,
} from "../../sync-server/queries/report-rollups.ts";
import type { Report } from "../../sync-server/reports/report.ts";
import {
  publishedFigures,
  studyDates,
  studyInterviewCount,
  studyInterviews,
  studySites,
} from "../fixtures/study-interviews.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { postSync, syncBody } from "../helpers/sync-payloads.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

let db: TestDatabase;
let server: TestServer;
let municipalityId: string;
let authorization: string;
const tokens = new Map<string, string>();
const interviews = studyInterviews();

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db.pool);
  for (const name of studySites) {
    const site = await addSite(db.pool, { name, municipality: "Studiet 2015" });
    municipalityId = site.municipalityId;
    tokens.set(name, (await addKiosk(db.pool, { siteId: site.siteId })).token);
  }
  const token = await addApiToken(db.pool, { role: "analyst", siteIds: [] });
  authorization = `Bearer ${token.token}`;
  // The interviews arrive as the kiosks would send them: through POST /api/v1/sync.
  for (const name of studySites) {
    const payloads = interviews.filter((i) => i.site === name).map((i) => i.payload);
    const reply = await postSync(server.baseUrl, tokens.get(name), syncBody(payloads));
    expect(reply.status).toBe(200);
    expect((reply.body.accepted as string[]).length).toBe(payloads.length);
  }
});
afterAll(async () => {
  await server.close();
  await db.drop();
});

async function report(query: string): Promise<Report> {
  const response = await fetch(`${server.baseUrl}/api/v1/report?${query}`, {
    headers: { authorization },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Report;
}

const whole = (value: number | null) => (value === null ? null : Math.round(value));

describe("the study's figures 3–7 from its 84 interviews", () => {
  it("come out exactly, with their Ns", async () => {
    const r = await report(`from=${studyDates.from}&to=${studyDates.to}`);
    expect(r.responses).toBe(studyInterviewCount);
    for (const [code, figure] of Object.entries(publishedFigures)) {
      const question = r.questions[code as keyof typeof publishedFigures];
      expect(question.n, code).toBe(figure.n);
      const rounded = Object.fromEntries(
        Object.entries(question.percent).map(([answer, value]) => [answer, whole(value)]),
      );
      expect(rounded, code).toEqual(figure.percent);
    }
    expect(whole(r.questions.guidance.topTwo.percent)).toBe(publishedFigures.guidance.topTwo);
  });

  it("gives the issue's exact shape for got_help, with one decimal and Wilson intervals", async () => {
    const r = await report(`from=${studyDates.from}&to=${studyDates.to}`);
    expect(r.questions.got_help).toEqual({
      n: 84,
      suppressed: false,
      counts: { yes: 70, no: 14 },
      percent: { yes: 83.3, no: 16.7 },
      ci95: { yes: [73.9, 89.8], no: [10.2, 26.1] },
    });
    expect(r.questions.guidance.topTwo).toEqual({ count: 65, percent: 92.9, ci95: [84.3, 96.9] });
    // Small results are shown when the group is large enough: the study's 2 of 10 is a finding.
    expect(r.questions.referred_ok.counts).toEqual({ yes: 8, no: 2 });
    expect(r.questions.sent_on.counts).toEqual({ yes: 10, no: 74 });
  });

  it("gives improvement reasons as shares of the 17 who said it could be better", async () => {
    const r = await report(`from=${studyDates.from}&to=${studyDates.to}`);
    expect(r.questions.improve.counts.could_be_better).toBe(17);
    expect(r.questions.improve_reasons.n).toBe(17);
    expect(r.questions.improve_reasons.counts).toEqual({
      shorter_wait: 9,
      help_with_everything: 6,
      know_departments: 6,
      other: 2,
    });
    // The study's most frequent reason, shorter waiting time, is 9 of 17.
    expect(r.questions.improve_reasons.percent.shorter_wait).toBe(52.9);
  });

  it("counts abandoned interviews for the questions they answered", async () => {
    const abandoned = await db.pool.query<{ n: number }>(
      "select count(*) as n from responses where status = 'abandoned'",
    );
    expect(abandoned.rows[0]?.n).toBe(10);
    const r = await report(`from=${studyDates.from}&to=${studyDates.to}`);
    expect(r.questions.got_help.n).toBe(84);
    expect(r.questions.improve.n).toBe(74);
  });

  it("splits into days with small groups hidden, and the rollups match the raw rows", async () => {
    const r = await report(`from=${studyDates.from}&to=${studyDates.to}`);
    expect(r.daily.map((day) => day.date)).toEqual([
      "2026-03-02",
      "2026-03-03",
      "2026-03-04",
      "2026-03-05",
      "2026-03-06",
      "2026-03-09",
      "2026-03-10",
      "2026-03-11",
      "2026-03-12",
      "2026-03-13",
    ]);
    const firstDay = r.daily[0];
    expect(firstDay?.responses).toBe(9);
    expect(firstDay?.questions.got_help.n).toBe(9);
    // Nobody was sent on that day: 0 answers, nothing to hide, no percentage.
    expect(firstDay?.questions.referred_ok).toMatchObject({ n: 0, suppressed: false });
    expect(firstDay?.questions.referred_ok.percent).toEqual({ yes: null, no: null });
    // The 10 sent on are spread over the days: each day is hidden, empty, or has 5 or more.
    const referred = r.daily.map((day) => day.questions.referred_ok);
    expect(referred.some((q) => q.suppressed)).toBe(true);
    for (const q of referred) expect(q.suppressed || q.n === 0 || (q.n ?? 0) >= 5).toBe(true);
    // Every count of every day, rollups against a plain aggregate over the raw responses.
    const scope = { municipalityId, siteIds: null, kioskId: null, includeSuspect: false };
    const raw = await countsByDateFromResponses(db.pool, scope, studyDates.from, studyDates.to);
    const rolled = await countsByDate(db.pool, scope, studyDates.from, studyDates.to);
    expect(rolled).toEqual(raw);
    const kiosk = (await db.pool.query<{ id: string }>("select id from kiosks limit 1")).rows[0];
    const byKiosk = { ...scope, kioskId: kiosk?.id ?? null };
    expect(await countsByDate(db.pool, byKiosk, studyDates.from, studyDates.to)).toEqual(
      await countsByDateFromResponses(db.pool, byKiosk, studyDates.from, studyDates.to),
    );
  });

  it("all five study figures in one reply: distribution, N and 95 % interval", async () => {
    const response = await fetch(
      `${server.baseUrl}/api/v1/dashboard/study?from=${studyDates.from}&to=${studyDates.to}`,
      { headers: { authorization } },
    );
    expect(response.status).toBe(200);
    const study = (await response.json()) as StudyReply;
    const shares = (figure: StudyFigure) =>
      Object.fromEntries(figure.answers.map((answer) => [answer.code, whole(answer.percent)]));
    expect(study.gotHelp).toMatchObject({ figure: 3, n: 84 });
    expect(shares(study.gotHelp)).toEqual(publishedFigures.got_help.percent);
    // Figure 4 is of those sent on: 8 of the 10.
    expect(study.referredOk).toMatchObject({ figure: 4, n: 10, sentOn: 10 });
    expect(shares(study.referredOk)).toEqual(publishedFigures.referred_ok.percent);
    // Figure 5 in its four levels, 70/23/4/3, and the top two.
    expect(study.guidance.answers.map((a) => a.code)).toEqual([
      "very_good",
      "good",
      "poor",
      "unacceptable",
    ]);
    expect(shares(study.guidance)).toEqual(publishedFigures.guidance.percent);
    expect(whole(study.guidance.topTwo.percent)).toBe(93);
    expect(shares(study.seenHeard)).toEqual(publishedFigures.seen_heard.percent);
    expect(study.improve).toMatchObject({ figure: 7, n: 74 });
    expect(shares(study.improve)).toEqual(publishedFigures.improve.percent);
    expect(study.improve.reasons).toMatchObject({ n: 17 });
    expect(study.improve.reasons.answers[0]).toMatchObject({
      code: "shorter_wait",
      count: 9,
      label: { da: expect.any(String), en: expect.any(String) },
    });
    expect(study.gotHelp.answers[0]?.ci95).toEqual([73.9, 89.8]);
    expect(study.gotHelp.text.da).toMatch(/Fik du svar/);
  });

  it("does not count a resent batch twice", async () => {
    const odense = interviews.filter((i) => i.site === "Odense").map((i) => i.payload);
    const again = await postSync(server.baseUrl, tokens.get("Odense"), syncBody(odense));
    expect(again.status).toBe(200);
    expect((again.body.duplicates as string[]).length).toBe(odense.length);
    const r = await report(`from=${studyDates.from}&to=${studyDates.to}`);
    expect(r.responses).toBe(studyInterviewCount);
    expect(r.questions.got_help.n).toBe(84);
  });
});
