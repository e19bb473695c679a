import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "../../sync-server/admin/verbs.ts";
import { logIn, type Session } from "../helpers/admin-session.ts";
import { appRoutes } from "../helpers/app-routes.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { twoSiteFixture } from "../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

/**
 * Issue 12: a misspelt parameter (`dialekt=…`, `sitee=…`) must be a 400, never silently ignored,
 * on every report, dashboard and export endpoint. The endpoints are read from the app's routers,
 * so a new GET route fails this file until it has a probe here.
 */
let db: TestDatabase;
let server: TestServer;
let admin: Session;

const range = "from=2026-06-01&to=2026-06-30";
const someId = "0194f3c2-0000-7000-8000-000000000000";
/** Per route (under /api/v1), requests valid but for their last parameter: unknown or misspelt. */
const probes: Record<string, string[]> = {
  report: [`report?${range}&sitee=x`],
  "dashboard/today": ["dashboard/today?dato=2026-06-10"],
  "dashboard/trend": [`dashboard/trend?${range}&grouping=week`],
  "dashboard/heatmap": [`dashboard/heatmap?${range}&x=1`],
  "dashboard/compare": [`dashboard/compare?${range}&x=1`],
  "dashboard/study": [`dashboard/study?${range}&x=1`],
  "dashboard/year-earlier": [`dashboard/year-earlier?${range}&x=1`],
  "dashboard/comments": [`dashboard/comments?${range}&x=1`],
  "dashboard/kiosks": ["dashboard/kiosks?x=1"],
  "dashboard/changes": ["dashboard/changes?x=1"],
  "dashboard/targets": ["dashboard/targets?x=1"],
  "dashboard/local-questions": ["dashboard/local-questions?x=1"],
  "dashboard/local-breakdown": [`dashboard/local-breakdown?question=${someId}&${range}&x=1`],
  "dashboard/notifications/subscription": ["dashboard/notifications/subscription?x=1"],
  "dashboard/notifications/subscribers": ["dashboard/notifications/subscribers?x=1"],
  "dashboard/notifications/alerts": ["dashboard/notifications/alerts?x=1"],
  "dashboard/notifications/rules": ["dashboard/notifications/rules?x=1"],
  "export/responses.csv": [`export/responses.csv?${range}&dialekt=excel-da`],
  "export/responses/count": [`export/responses/count?${range}&x=1`],
  "export/figures.csv": [`export/figures.csv?${range}&dialekt=excel-da`],
  "export/codebook": ["export/codebook?format=pdf", "export/codebook?x=1"],
  "export/log": ["export/log?x=1"],
};

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db.pool);
  await twoSiteFixture(db.pool);
  const password = "en lang adgangskode";
  await addUser(db.pool, { email: "admin@kontrol.dk", role: "admin", siteIds: [], password });
  // An admin's cookie session may call every one of them (the subscription needs a user).
  admin = await logIn(server.baseUrl, "admin@kontrol.dk", password);
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

describe("unknown query parameters", () => {
  it("have a probe for every GET route of /report, /dashboard and /export (read from the routers)", () => {
    const served = appRoutes(server.app, "get")
      .filter((route) => /^\/api\/v1\/(report|dashboard|export)(\/|$)/.test(route))
      .map((route) => route.replace(/^\/api\/v1\//, "").replace(/\/$/, ""));
    expect(served.length).toBeGreaterThan(20);
    expect(Object.keys(probes).sort()).toEqual([...new Set(served)].sort());
  });

  it("are 400 when unknown, on every report, dashboard and export endpoint", async () => {
    const status = async (path: string) =>
      (await fetch(`${server.baseUrl}/api/v1/${path}`, { headers: { cookie: admin.cookie } }))
        .status;
    const answers: Record<string, [number, number]> = {};
    for (const path of Object.values(probes).flat()) {
      // The same request without its last (the wrong) parameter: it must not be a 400 itself,
      // or the probe would prove nothing about the unknown parameter.
      const control = path.replace(/[?&][^?&]*$/, "");
      answers[path] = [await status(path), await status(control)];
    }
    for (const [path, [probe, control]] of Object.entries(answers)) {
      expect({ path, probe, controlIs400: control === 400 }).toEqual({
        path,
        probe: 400,
        controlIs400: false,
      });
    }
  });
});
