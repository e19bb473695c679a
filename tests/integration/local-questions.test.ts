import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportColumnNamesFor } from "../../shared/codebook.ts";
import type {
  LocalBreakdownReply,
  LocalQuestionsReply,
} from "../../shared/local-breakdown-contract.ts";
import type { LocalQuestionView } from "../../shared/local-questions.ts";
import type { ReportReply } from "../../shared/report-contract.ts";
import type { Answers } from "../../shared/response.ts";
import { addUser } from "../../sync-server/admin/verbs.ts";
import { removeExpiredResponses } from "../../sync-server/queries/response-retention.ts";
import { rebuildRollups } from "../../sync-server/queries/rollups.ts";
import { logIn, type Session } from "../helpers/admin-session.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { interview, twoSiteFixture } from "../helpers/fixtures.ts";
import { postSync, syncBody } from "../helpers/sync-payloads.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

/**
 * Local questions end to end over HTTP: the admin API adds one, the kiosk's sync reply carries
 * it, synced answers are stored and rolled up, the breakdown's figures match the answers as
 * sent, and the export and codebook show it. Core figures are the same with and without local
 * answers. (The kiosk's own part, in Chromium and WebKit: tests/e2e/kiosk-local-questions*.)
 */

type ErrorBody = { error: { code: string; message: string } };

let db: TestDatabase;
let server: TestServer;
let fx: Awaited<ReturnType<typeof twoSiteFixture>>;
let twin: Awaited<ReturnType<typeof twoSiteFixture>>;
let admin: Session;
let errand: LocalQuestionView;
const password = "en meget lang adgangskode";
const from = "2026-11-02";
const to = "2026-11-06";

const errandBody = {
  code: "errand",
  text: { da: "Hvad kom du for?", en: "What did you come for?" },
  answers: [
    { code: "pas", label: { da: "Pas", en: "Passport" } },
    { code: "korekort", label: { da: "Kørekort", en: "Driving licence" } },
    { code: "sundhedskort", label: { da: "Sundhedskort", en: "Health card" } },
    { code: "mitid", label: { da: "MitID" } },
    { code: "pension", label: { da: "Pension/boligstøtte", en: "Pension/housing benefit" } },
    { code: "andet", label: { da: "Andet", en: "Other" } },
  ],
};

function adminCall(method: string, path: string, body?: unknown) {
  return fetch(`${server.baseUrl}/api/v1/admin/local-questions${path}`, {
    method,
    headers: {
      cookie: admin.cookie,
      "content-type": "application/json",
      "x-csrf-token": admin.csrf,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function read<T>(path: string, token: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.baseUrl}/api/v1/${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text) as T,
  };
}

/** Interview i of the fixture: its core answers and its errand (every third skips it). */
function answersOf(i: number): { answers: Answers; errand: string | undefined } {
  const codes = ["pas", "korekort", "pas", "andet", undefined];
  return {
    answers: {
      got_help: i % 4 === 0 ? "no" : "yes",
      guidance: i % 3 === 0 ? "poor" : "very_good",
      seen_heard: "yes",
      improve: i % 5 === 0 ? "could_be_better" : "nothing",
    },
    // Three citizens came for a health card: a group below k, hidden with another beside it.
    errand: i % 20 === 7 ? "sundhedskort" : codes[i % codes.length],
  };
}
const count = 60;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db.pool);
  fx = await twoSiteFixture(db.pool, "Testkommune");
  twin = await twoSiteFixture(db.pool, "Tvillingkommune");
  for (const municipality of ["Testkommune", "Tvillingkommune"])
    await addUser(db.pool, {
      email: `admin@${municipality.toLowerCase()}.dk`,
      role: "admin",
      siteIds: [],
      municipality,
      password,
    });
  admin = await logIn(server.baseUrl, "admin@testkommune.dk", password);
});
afterAll(async () => {
  await server.close();
  await db.drop();
});

describe("local questions end to end", () => {
  it("an admin adds a question; the kiosk's sync reply carries it", async () => {
    const response = await adminCall("POST", "", errandBody);
    expect(response.status).toBe(201);
    errand = (await response.json()) as LocalQuestionView;
    expect(errand).toMatchObject({ code: "errand", version: 1, siteId: null, retired: false });
    expect(errand.answers.map((answer) => answer.code)).toEqual(
      errandBody.answers.map((answer) => answer.code),
    );
    const reply = await postSync(server.baseUrl, fx.kioskA.token, syncBody([]));
    expect(reply.status).toBe(200);
    expect(reply.body.localQuestions).toEqual([
      {
        id: errand.id,
        questionId: errand.questionId,
        code: "errand",
        version: 1,
        text: errandBody.text,
        answers: errandBody.answers,
      },
    ]);
    // Another municipality's kiosk is asked nothing of it.
    const other = await postSync(server.baseUrl, twin.kioskA.token, syncBody([]));
    expect(other.body.localQuestions).toEqual([]);
  });

  it("stores synced local answers; bad ones are rejected with their own code, neighbours kept", async () => {
    const payloads = Array.from({ length: count }, (_, i) => {
      const { answers, errand: code } = answersOf(i);
      const startedAt = new Date(
        Date.parse(`${from}T09:00:00Z`) + (i % 5) * 86_400_000 + i * 60_000,
      );
      return interview(i + 1, startedAt, answers, code ? { local: { [errand.id]: code } } : {});
    });
    const bad = [
      interview(
        count + 1,
        new Date(`${from}T12:00:00Z`),
        { got_help: "yes" },
        {
          local: { [errand.id]: "visum" },
        },
      ),
      interview(
        count + 2,
        new Date(`${from}T12:01:00Z`),
        { got_help: "yes" },
        {
          local: { "0194f3c2-0000-7000-8000-000000000000": "pas" },
        },
      ),
      interview(
        count + 3,
        new Date(`${from}T12:02:00Z`),
        { got_help: "yes" },
        {
          local: { [errand.id]: 7 } as unknown as Record<string, string>,
        },
      ),
    ];
    const reply = await postSync(server.baseUrl, fx.kioskA.token, syncBody([...payloads, ...bad]));
    expect(reply.status).toBe(200);
    expect((reply.body.accepted as string[]).length).toBe(count);
    expect((reply.body.rejected as { code: string }[]).map((r) => r.code)).toEqual([
      "unknown_local_answer",
      "local_question_not_asked",
      "invalid_local_answers",
    ]);
    // The same again is a duplicate of each, not a second count.
    const again = await postSync(server.baseUrl, fx.kioskA.token, syncBody(payloads));
    expect((again.body.duplicates as string[]).length).toBe(count);
    // The twin municipality gets the same interviews without local answers.
    const plain = payloads.map(({ local: _local, ...rest }, i) =>
      interview(i + 1, new Date(Date.parse(rest.startedAt)), rest.answers),
    );
    const twinReply = await postSync(server.baseUrl, twin.kioskA.token, syncBody(plain));
    expect((twinReply.body.accepted as string[]).length).toBe(count);
    const stored = await db.pool.query<{ n: number }>(
      "select count(*)::int as n from local_answers where version_id = $1",
      [errand.id],
    );
    expect(stored.rows[0]?.n).toBe(payloads.filter((p) => p.local).length);
  });

  it("breaks every headline down by the answers, matching the answers as sent", async () => {
    const { status, body } = await read<LocalBreakdownReply>(
      `dashboard/local-breakdown?question=${errand.id}&from=${from}&to=${to}`,
      fx.analyst.token,
    );
    expect(status).toBe(200);
    expect(body.rows.map((row) => row.answer)).toEqual([
      ...errandBody.answers.map((answer) => answer.code),
      null,
    ]);
    for (const row of body.rows) {
      const group = Array.from({ length: count }, (_, i) => answersOf(i)).filter(
        (given) => (given.errand ?? null) === row.answer,
      );
      expect(row.responses, `responses of ${row.answer}`).toBe(group.length);
      if (row.got_help.suppressed) {
        expect(row.got_help.count).toBeNull();
        continue;
      }
      expect(row.got_help.n).toBe(group.length);
      expect(row.got_help.count).toBe(group.filter((g) => g.answers.got_help === "yes").length);
      expect(row.guided_well.count).toBe(
        group.filter((g) => g.answers.guidance === "very_good").length,
      );
    }
    // Groups of fewer than k are hidden, and enough others with them that none can be derived.
    const hidden = body.rows.filter((row) => row.got_help.suppressed);
    const hiddenTotal = hidden.reduce((sum, row) => sum + row.responses, 0);
    expect(hidden.map((row) => row.answer)).toContain("sundhedskort");
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    expect(hidden.every((row) => row.got_help.percent === null)).toBe(true);
    expect(hiddenTotal === 0 || hiddenTotal >= body.disclosure.k).toBe(true);
    expect(body.rows.find((row) => row.answer === "mitid")?.responses).toBe(0);
  });

  it("core figures are the same with and without local answers, also after a rebuild", async () => {
    const report = async (token: string) =>
      (await read<ReportReply>(`report?from=${from}&to=${to}`, token)).body;
    const strip = (reply: ReportReply) => ({ ...reply, site: null });
    const withLocal = strip(await report(fx.analyst.token));
    const without = strip(await report(twin.analyst.token));
    expect(withLocal.responses).toBe(count);
    expect(withLocal).toEqual(without);
    const breakdownBefore = await read<LocalBreakdownReply>(
      `dashboard/local-breakdown?question=${errand.id}&from=${from}&to=${to}`,
      fx.analyst.token,
    );
    await rebuildRollups(db.pool);
    expect(strip(await report(fx.analyst.token))).toEqual(withLocal);
    const breakdownAfter = await read<LocalBreakdownReply>(
      `dashboard/local-breakdown?question=${errand.id}&from=${from}&to=${to}`,
      fx.analyst.token,
    );
    expect(breakdownAfter.body).toEqual(breakdownBefore.body);
  });

  it("a change is a new version; old answers keep their version and meaning", async () => {
    const changed = {
      text: errandBody.text,
      answers: [...errandBody.answers.slice(0, 5), { code: "skat", label: { da: "Skat" } }],
    };
    const response = await adminCall("PUT", `/${errand.questionId}`, changed);
    expect(response.status).toBe(200);
    const v2 = (await response.json()) as LocalQuestionView;
    expect(v2.version).toBe(2);
    expect(v2.id).not.toBe(errand.id);
    const reply = await postSync(server.baseUrl, fx.kioskA.token, syncBody([]));
    expect((reply.body.localQuestions as { id: string }[]).map((q) => q.id)).toEqual([v2.id]);
    // A kiosk still on version 1 is still heard: its answers count under version 1.
    const late = interview(
      count + 10,
      new Date(`${to}T13:00:00Z`),
      { got_help: "yes" },
      {
        local: { [errand.id]: "andet" },
      },
    );
    const lateReply = await postSync(server.baseUrl, fx.kioskA.token, syncBody([late]));
    expect(lateReply.body.accepted).toEqual([late.id]);
    const list = await read<LocalQuestionsReply>("dashboard/local-questions", fx.analyst.token);
    expect(list.body.versions.map((v) => [v.version, v.latest])).toEqual([
      [1, false],
      [2, true],
    ]);
    const v1 = await read<LocalBreakdownReply>(
      `dashboard/local-breakdown?question=${errand.id}&from=${from}&to=${to}`,
      fx.analyst.token,
    );
    expect(v1.body.rows.find((row) => row.answer === "andet")?.responses).toBe(
      Array.from({ length: count }, (_, i) => answersOf(i)).filter((g) => g.errand === "andet")
        .length + 1,
    );
    const audit = await db.pool.query<{ action: string }>(
      "select action from audit_log where action like 'local_question.%' order by at",
    );
    expect(audit.rows.map((row) => row.action)).toEqual([
      "local_question.added",
      "local_question.changed",
    ]);
  });

  it("the export has a column per version and the codebook explains it", async () => {
    const csv = await read<string>(
      `export/responses.csv?from=${from}&to=${to}&labels=da`,
      fx.analyst.token,
    );
    expect(csv.status).toBe(200);
    const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual([
      ...exportColumnNamesFor("hour"),
      "local_errand_v1",
      "local_errand_v2",
    ]);
    const tally = new Map<string, number>();
    for (const row of rows) {
      const label = row.local_errand_v1 ?? "";
      tally.set(label, (tally.get(label) ?? 0) + 1);
    }
    const expected = Array.from({ length: count }, (_, i) => answersOf(i)).filter(
      (g) => g.errand === "pas",
    ).length;
    expect(tally.get("Pas")).toBe(expected);
    const codebook = await read<{ localColumns: { name: string; codes: { code: string }[] }[] }>(
      "export/codebook",
      fx.analyst.token,
    );
    expect(codebook.body.localColumns.map((column) => column.name)).toEqual([
      "local_errand_v1",
      "local_errand_v2",
    ]);
    expect(codebook.body.localColumns[1]?.codes.map((c) => c.code)).toContain("skat");
    const markdown = await read<string>("export/codebook?format=md", fx.analyst.token);
    expect(markdown.body).toContain("## `local_errand_v2`");
    expect(markdown.body).toContain("Hvad kom du for?");
  });

  it("refuses a fourth question at a site, a duplicate code and bad input with catalogue codes", async () => {
    const question = (code: string, siteId: string | null = null) => ({
      ...errandBody,
      code,
      siteId,
    });
    expect((await adminCall("POST", "", question("errand"))).status).toBe(409);
    expect((await adminCall("POST", "", question("second", fx.siteA.siteId))).status).toBe(201);
    expect((await adminCall("POST", "", question("third"))).status).toBe(201);
    const fourth = await adminCall("POST", "", question("fourth", fx.siteA.siteId));
    expect(fourth.status).toBe(409);
    expect(((await fourth.json()) as ErrorBody).error.code).toBe("too_many_local_questions");
    // Site B asks two (the municipality's), so it may have one of its own.
    expect((await adminCall("POST", "", question("fourth", fx.siteB.siteId))).status).toBe(201);
    const noDanish = await adminCall("POST", "", {
      ...question("nodanish"),
      text: { en: "English only" },
    });
    expect(noDanish.status).toBe(400);
    expect(((await noDanish.json()) as ErrorBody).error.code).toBe("invalid_local_question");
    const foreignSite = await adminCall("POST", "", question("elsewhere", twin.siteA.siteId));
    expect(((await foreignSite.json()) as ErrorBody).error.code).toBe("unknown_site");
    const unknown = await adminCall("POST", "/0194f3c2-0000-7000-8000-000000000000/retire");
    expect(unknown.status).toBe(404);
    // Retired: no longer in the reply, still in the breakdown list.
    expect((await adminCall("POST", `/${errand.questionId}/retire`)).status).toBe(200);
    const reply = await postSync(server.baseUrl, fx.kioskA.token, syncBody([]));
    expect((reply.body.localQuestions as { code: string }[]).map((q) => q.code)).toEqual([
      "second",
      "third",
    ]);
  });

  it("retention removes local answers with their responses; the figures stay", async () => {
    const before = await read<LocalBreakdownReply>(
      `dashboard/local-breakdown?question=${errand.id}&from=${from}&to=${to}`,
      fx.analyst.token,
    );
    // Ten years on, every response is past the five-year limit.
    await removeExpiredResponses(db.pool, new Date(Date.now() + 10 * 365 * 86_400_000));
    const left = await db.pool.query<{ responses: number; answers: number }>(
      `select (select count(*) from responses)::int as responses,
              (select count(*) from local_answers)::int as answers`,
    );
    expect(left.rows[0]).toEqual({ responses: 0, answers: 0 });
    const after = await read<LocalBreakdownReply>(
      `dashboard/local-breakdown?question=${errand.id}&from=${from}&to=${to}`,
      fx.analyst.token,
    );
    expect(after.body.rows).toEqual(before.body.rows);
  });

  it("chiefs and analysts cannot change questions", async () => {
    const response = await fetch(`${server.baseUrl}/api/v1/admin/local-questions`, {
      method: "POST",
      headers: { authorization: `Bearer ${fx.analyst.token}`, "content-type": "application/json" },
      body: JSON.stringify({ ...errandBody, code: "sneaky" }),
    });
    expect(response.status).toBe(403);
  });
});
