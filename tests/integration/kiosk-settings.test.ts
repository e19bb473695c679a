import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recoveryCode } from "../../shared/pin-recovery.ts";
import { addKiosk, addSite, addUser, revokeKioskById } from "../../sync-server/admin/verbs.ts";
import { listAuditEntries } from "../../sync-server/queries/audit-log.ts";
import { hashSecret, parseToken } from "../../sync-server/secrets.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { runScript } from "../helpers/run-script.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

type Settings = {
  siteId: string;
  version: number;
  chosen: Record<string, unknown>;
  effective: Record<string, unknown>;
};
type ErrorBody = { error: { code: string; message: string } };

let db: TestDatabase;
let server: TestServer;
let site: { siteId: string; municipalityId: string };
let foreignSite: { siteId: string };
let admin: { cookie: string; csrf: string };
const password = "en meget lang adgangskode";

async function logIn(email: string) {
  const response = await fetch(`${server.baseUrl}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as { csrfToken: string };
  return {
    cookie: (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "",
    csrf: body.csrfToken,
  };
}

function call(method: string, path: string, body?: unknown) {
  return fetch(`${server.baseUrl}/api/v1/admin/${path}`, {
    method,
    headers: {
      cookie: admin.cookie,
      "content-type": "application/json",
      "x-csrf-token": admin.csrf,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function sync(token: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${server.baseUrl}/api/v1/sync`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ sentAt: "2026-11-23T10:15:02+01:00", responses: [] }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db.pool);
  site = await addSite(db.pool, { name: "Borgerservice", municipality: "Testkommune" });
  foreignSite = await addSite(db.pool, { name: "Andet sted", municipality: "Nabokommune" });
  await addUser(db.pool, {
    email: "admin@test.dk",
    role: "admin",
    siteIds: [],
    municipality: "Testkommune",
    password,
  });
  admin = await logIn("admin@test.dk");
});
afterAll(async () => {
  await server.close();
  await db.drop();
});

describe("central kiosk settings over the admin API and in the sync reply", () => {
  it("start as defaults; a change is stored, versioned, audited and reaches kiosks", async () => {
    const { token } = await addKiosk(db.pool, { siteId: site.siteId, name: "Skranke 1" });
    const first = await sync(token);
    expect(first.settings).toMatchObject({ version: 1, values: {}, timezone: "Europe/Copenhagen" });

    const initial = (await (
      await call("GET", `sites/${site.siteId}/kiosk-settings`)
    ).json()) as Settings;
    expect(initial).toMatchObject({ version: 1, chosen: {} });
    expect(initial.effective).toMatchObject({ promptMs: 20_000, sleepOutsideHours: false });

    const response = await call("PATCH", `sites/${site.siteId}/kiosk-settings`, {
      idleMs: 60_000,
      languages: ["da", "en", "ar"],
      sleepOutsideHours: true,
    });
    expect(response.status).toBe(200);
    const changed = (await response.json()) as Settings;
    expect(changed.version).toBe(2);
    expect(changed.chosen).toEqual({
      idleMs: 60_000,
      languages: ["da", "en", "ar"],
      sleepOutsideHours: true,
    });
    expect((await sync(token)).settings).toMatchObject({
      version: 2,
      values: changed.chosen,
    });

    // null puts one setting back to its default; the rest stay.
    const cleared = (await (
      await call("PATCH", `sites/${site.siteId}/kiosk-settings`, { idleMs: null })
    ).json()) as Settings;
    expect(cleared.chosen).toEqual({ languages: ["da", "en", "ar"], sleepOutsideHours: true });
    expect(cleared.version).toBe(3);

    const audit = await listAuditEntries(db.pool, {
      municipalityId: site.municipalityId,
      actionPrefix: "site.",
      limit: 10,
    });
    expect(audit.map((entry) => entry.action)).toEqual([
      "site.kiosk_settings_changed",
      "site.kiosk_settings_changed",
    ]);
    expect(audit[0]?.actorKind).toBe("user");
  });

  it("a change of opening hours is a new version too (the sleep screen depends on them)", async () => {
    const { token } = await addKiosk(db.pool, { siteId: site.siteId, name: "Skranke 2" });
    const before = (await sync(token)).settings as { version: number };
    const week = {
      mon: [],
      tue: [],
      wed: [],
      thu: [["09:00", "12:00"]],
      fri: [],
      sat: [],
      sun: [],
    };
    expect((await call("PATCH", `sites/${site.siteId}`, { openingHours: week })).status).toBe(200);
    const after = (await sync(token)).settings as { version: number; openingHours: unknown };
    expect(after.version).toBe(before.version + 1);
    expect(after.openingHours).toEqual(week);
  });

  it("bad settings get a 400 with a reason and change nothing; no 500 for any body", async () => {
    const before = (await (
      await call("GET", `sites/${site.siteId}/kiosk-settings`)
    ).json()) as Settings;
    for (const body of [
      { promptMs: 15_000 },
      { languages: ["en"] },
      { languages: ["da", "xx"] },
      { idleMs: "60" },
      { colour: "red" },
      { reset: "yes" },
      [],
      "null",
      '{"__proto__": {"idleMs": 1}}',
    ]) {
      const response = await call("PATCH", `sites/${site.siteId}/kiosk-settings`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const error = (await response.json()) as ErrorBody;
      expect(["invalid_kiosk_settings", "invalid_json", "invalid_request"]).toContain(
        error.error.code,
      );
    }
    const promptError = (await (
      await call("PATCH", `sites/${site.siteId}/kiosk-settings`, { promptMs: 15_000 })
    ).json()) as ErrorBody;
    expect(promptError.error.message).toContain("promptMs");
    const after = (await (
      await call("GET", `sites/${site.siteId}/kiosk-settings`)
    ).json()) as Settings;
    expect(after).toEqual(before);
    // Another municipality's site is unknown here.
    expect((await call("GET", `sites/${foreignSite.siteId}/kiosk-settings`)).status).toBe(404);
    expect((await call("PATCH", `sites/${foreignSite.siteId}/kiosk-settings`, {})).status).toBe(
      404,
    );
    expect((await call("GET", "sites/not-a-uuid/kiosk-settings")).status).toBe(404);
  });

  it("fuzzed bodies (seeded) get 200 or a 4xx, never a 5xx", async () => {
    const value = fc.oneof(
      fc.integer({ min: -1, max: 700_000 }),
      fc.constantFrom(0, 20_000, 2_000, 400, Number.MAX_SAFE_INTEGER),
      fc.boolean(),
      fc.constant(null),
      fc.string({ maxLength: 8 }),
      fc.array(fc.constantFrom("da", "en", "ar", "xx", "__proto__"), { maxLength: 4 }),
      fc.object({ maxDepth: 1 }),
    );
    const key = fc.constantFrom(
      "idleMs",
      "promptMs",
      "thanksMs",
      "settleMs",
      "languages",
      "sleepOutsideHours",
      "reset",
      "__proto__",
      "constructor",
      "other",
    );
    const statuses: number[] = [];
    await fc.assert(
      fc.asyncProperty(fc.dictionary(key, value, { maxKeys: 4 }), async (body) => {
        const response = await call("PATCH", `sites/${site.siteId}/kiosk-settings`, body);
        statuses.push(response.status);
        await response.body?.cancel();
        return response.status < 500;
      }),
      { seed: 11, numRuns: 150 },
    );
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(statuses).toContain(400);
  });

  it("reset goes back to all defaults", async () => {
    const reset = (await (
      await call("PATCH", `sites/${site.siteId}/kiosk-settings`, { reset: true })
    ).json()) as Settings;
    expect(reset.chosen).toEqual({});
  });
});

describe("PIN recovery codes", () => {
  it("each request is a new code derived from the stored hash, audited; revoked kiosks get none", async () => {
    const { token, kioskId } = await addKiosk(db.pool, { siteId: site.siteId, name: "Skranke 3" });
    const first = await call("POST", `kiosks/${kioskId}/recovery-code`);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("no-store");
    const one = (await first.json()) as { n: number; code: string };
    const two = (await (await call("POST", `kiosks/${kioskId}/recovery-code`)).json()) as {
      n: number;
      code: string;
    };
    expect([one.n, two.n]).toEqual([1, 2]);
    expect(one.code).toMatch(/^\d{5}-\d{5}$/);
    expect(two.code).not.toBe(one.code);
    // What the kiosk derives from its token is what the admin was shown.
    const secret = parseToken(token)?.secret ?? "";
    const kioskSide = await recoveryCode(new Uint8Array(hashSecret(secret)), kioskId, 1);
    expect(one.code.replace("-", "")).toBe(kioskSide);
    // The server stores no code and no token, only the count.
    const row = await db.pool.query("select * from kiosks where id = $1", [kioskId]);
    expect(JSON.stringify(row.rows[0])).not.toContain(secret);
    expect(row.rows[0].pin_recovery_issued).toBe(2);
    const audit = await listAuditEntries(db.pool, {
      municipalityId: site.municipalityId,
      actionPrefix: "kiosk.",
      limit: 10,
    });
    expect(audit.filter((entry) => entry.targetId === kioskId)).toHaveLength(2);

    await revokeKioskById(db.pool, kioskId);
    expect((await call("POST", `kiosks/${kioskId}/recovery-code`)).status).toBe(404);
    const foreign = await addKiosk(db.pool, { siteId: foreignSite.siteId });
    expect((await call("POST", `kiosks/${foreign.kioskId}/recovery-code`)).status).toBe(404);
  });
});

describe("npm run admin -- site settings / kiosk recovery-code", () => {
  const admin = (args: string[]) =>
    runScript("sync-server/bin/admin.ts", args, { env: { DATABASE_URL: db.url } });

  it("shows, changes (in seconds), refuses bad values with the catalogue's code, resets", async () => {
    const shown = await admin(["site", "settings", site.siteId, "--json"]);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ siteId: site.siteId, chosen: {} });

    const changed = await admin([
      "site",
      "settings",
      site.siteId,
      "--idle-seconds",
      "90",
      "--prompt-seconds",
      "30",
      "--thanks-seconds",
      "8",
      "--settle-ms",
      "350",
      "--languages",
      "da,en",
      "--sleep",
      "on",
      "--json",
    ]);
    expect(changed.code, changed.stderr).toBe(0);
    expect(JSON.parse(changed.stdout).chosen).toEqual({
      idleMs: 90_000,
      promptMs: 30_000,
      thanksMs: 8_000,
      settleMs: 350,
      languages: ["da", "en"],
      sleepOutsideHours: true,
    });

    const bad = await admin(["site", "settings", site.siteId, "--prompt-seconds", "10"]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/invalid_kiosk_settings|promptMs/);
    const badLanguage = await admin(["site", "settings", site.siteId, "--languages", "da,xx"]);
    expect(badLanguage.stderr).toContain("xx");

    const reset = await admin(["site", "settings", site.siteId, "--reset", "--json"]);
    expect(JSON.parse(reset.stdout).chosen).toEqual({});

    const { kioskId } = await addKiosk(db.pool, { siteId: site.siteId });
    const code = await admin(["kiosk", "recovery-code", kioskId]);
    expect(code.code).toBe(0);
    expect(code.stdout).toMatch(/code: \d{5}-\d{5}/);
    expect(code.stdout).toContain("Glemt PIN-kode");
  });
});
