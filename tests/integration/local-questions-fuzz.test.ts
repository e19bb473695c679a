import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { errorCatalogue } from "../../shared/errors.ts";
import { addQuestion } from "../../sync-server/admin/local-questions.ts";
import { addKiosk, addSite, addUser } from "../../sync-server/admin/verbs.ts";
import { logIn, type Session } from "../helpers/admin-session.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { interview } from "../helpers/fixtures.ts";
import { postSync, syncBody } from "../helpers/sync-payloads.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

vi.setConfig({ testTimeout: 300_000, hookTimeout: 120_000 });

/**
 * Hostile input against local questions: the admin API's bodies and ids, and the `local` field
 * of synced responses. Seeded, so a failure replays. No answer is a 5xx, every error has the one
 * shape and a catalogue code, and whatever got through still keeps the rules: Danish text on
 * every version, at most three questions asked at any site.
 */
let db: TestDatabase;
let server: TestServer;
let admin: Session;
const password = "en meget lang adgangskode";

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db.pool);
  await addSite(db.pool, { name: "Borgerservice", municipality: "Fuzzkommune" });
  await addSite(db.pool, { name: "Biblioteket", municipality: "Fuzzkommune" });
  await addUser(db.pool, { email: "admin@fuzz.dk", role: "admin", siteIds: [], password });
  admin = await logIn(server.baseUrl, "admin@fuzz.dk", password);
});
afterAll(async () => {
  await server.close();
  await db.drop();
});

const hostileString = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    "__proto__",
    "constructor",
    "da",
    "en",
    "ar",
    "pas",
    "errand",
    "a".repeat(250),
    "\u0000",
    "' or 1=1 --",
    "0194f3c2-0000-7000-8000-000000000000",
  ),
);
const hostileValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    hostileString,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(hostileString, tie("value"), { maxKeys: 4 }),
  ),
})).value;
const code = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/), hostileString);
const words = fc.oneof(
  fc.record({ da: hostileString }, { requiredKeys: [] }),
  fc.record({ da: fc.string({ minLength: 1, maxLength: 20 }), en: hostileString }),
  fc.dictionary(fc.constantFrom("da", "en", "de", "xx", "__proto__"), hostileValue, { maxKeys: 3 }),
  hostileValue,
);
const validBody = fc.record({
  code: fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/),
  siteId: fc.constant(null),
  text: fc.record({ da: fc.constantFrom("Hvad kom du for?", "Har du bestilt tid?") }),
  answers: fc.constant([
    { code: "ja", label: { da: "Ja" } },
    { code: "nej", label: { da: "Nej", en: "No" } },
  ]),
});
// Near-valid questions most of the time, so the checks past the shape are reached too: new
// ones, duplicates of a code, a fourth at a site, changes to a retired one.
const questionBody = fc.oneof(
  validBody,
  fc.record(
    {
      code,
      siteId: fc.oneof(fc.constant(null), fc.constant(undefined), hostileString),
      text: words,
      answers: fc.oneof(
        fc.array(fc.record({ code, label: words }, { requiredKeys: [] }), { maxLength: 14 }),
        hostileValue,
      ),
      extra: hostileValue,
    },
    { requiredKeys: [] },
  ),
  hostileValue,
);

function checkError(status: number, text: string, where: string, fiveHundreds: string[]) {
  if (status >= 500) fiveHundreds.push(`${where} → ${status} ${text}`);
  if (status < 400) return;
  const body = JSON.parse(text) as { error: { code: string; message: string } };
  expect(Object.hasOwn(errorCatalogue, body.error.code), body.error.code).toBe(true);
  expect(typeof body.error.message).toBe("string");
}

describe("local questions under hostile input", () => {
  it("the admin API never answers 5xx and keeps the rules", async () => {
    const fiveHundreds: string[] = [];
    const statuses = new Set<number>();
    const created: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("POST", "PUT", "RETIRE"),
        questionBody.map((body) => JSON.stringify(body) ?? "null"),
        fc.oneof(hostileString, fc.constant("known")),
        async (action, body, id) => {
          const questionId = id === "known" ? (created.at(-1) ?? id) : id;
          const path =
            action === "POST"
              ? ""
              : `/${encodeURIComponent(questionId || "x")}${action === "RETIRE" ? "/retire" : ""}`;
          const response = await fetch(`${server.baseUrl}/api/v1/admin/local-questions${path}`, {
            method: action === "PUT" ? "PUT" : "POST",
            headers: {
              "content-type": "application/json",
              cookie: admin.cookie,
              "x-csrf-token": admin.csrf,
            },
            body: action === "RETIRE" ? undefined : body,
          });
          statuses.add(response.status);
          const text = await response.text();
          if (response.status === 201)
            created.push((JSON.parse(text) as { questionId: string }).questionId);
          checkError(response.status, text, `${action} ${path} ${body}`, fiveHundreds);
        },
      ),
      { seed: 1414, numRuns: 300 },
    );
    expect(fiveHundreds).toEqual([]);
    expect(statuses.has(400)).toBe(true);
    expect(statuses.has(201)).toBe(true);
    expect(statuses.has(409)).toBe(true);
    const versions = await db.pool.query<{ ok: boolean }>(
      "select bool_and(text ? 'da') as ok from local_question_versions",
    );
    expect(versions.rows[0]?.ok ?? true).toBe(true);
    const busiest = await db.pool.query<{ n: number }>(
      `select coalesce(max(n), 0)::int as n from (
         select s.id, count(q.id) as n from sites s
         left join local_questions q on q.municipality_id = s.municipality_id
           and q.retired_at is null and (q.site_id is null or q.site_id = s.id)
         group by s.id) as per_site`,
    );
    expect(busiest.rows[0]?.n).toBeLessThanOrEqual(3);
  });

  it("synced local answers of any shape are stored or rejected with a catalogue code, never a 5xx", async () => {
    // A municipality of its own: the first property may have filled Fuzzkommune's places.
    const other = await addSite(db.pool, { name: "Sted", municipality: "Synkkommune" });
    const token = (await addKiosk(db.pool, { siteId: other.siteId })).token;
    const { id: version } = await addQuestion(db.pool, {
      municipalityId: other.municipalityId,
      code: "fuzzed",
      siteId: null,
      draft: {
        text: { da: "Hvad kom du for?" },
        answers: [
          { code: "pas", label: { da: "Pas" } },
          { code: "andet", label: { da: "Andet" } },
        ],
      },
      actor: { kind: "cli" },
    });
    const accepted = new Set<number>();
    const fiveHundreds: string[] = [];
    let seq = 1;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.dictionary(fc.oneof(fc.constant(version), hostileString), hostileValue, {
            maxKeys: 4,
          }),
          fc.constantFrom({ [version]: "pas" }, { [version]: "visum" }),
          hostileValue,
        ),
        async (local) => {
          const payload = {
            ...interview(seq++, new Date(Date.now() - 3_600_000), { got_help: "yes" }),
            local,
          };
          const reply = await postSync(server.baseUrl, token, syncBody([payload]));
          if (reply.status >= 500) fiveHundreds.push(`${JSON.stringify(local)} → ${reply.status}`);
          expect(reply.status).toBe(200);
          const rejected = reply.body.rejected as { code: string }[];
          for (const rejection of rejected)
            expect(Object.hasOwn(errorCatalogue, rejection.code), rejection.code).toBe(true);
          const stored = (reply.body.accepted as string[]).length;
          expect(stored + rejected.length).toBe(1);
          accepted.add(stored);
        },
      ),
      { seed: 1414, numRuns: 150 },
    );
    expect(fiveHundreds).toEqual([]);
    // Both fates were reached: some stored (with or without local answers), some rejected.
    expect([...accepted].sort()).toEqual([0, 1]);
    const kept = await db.pool.query<{ n: number }>(
      "select count(*)::int as n from local_answers where version_id = $1",
      [version],
    );
    expect(kept.rows[0]?.n).toBeGreaterThan(0);
  });
});
