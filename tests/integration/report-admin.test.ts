import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addSite, addUser } from "../../sync-server/admin/verbs.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

type ErrorBody = { error: { code: string; message: string } };
type SiteReply = { id: string; name: string; openingHours: unknown };
type KioskReply = {
  kioskId: string;
  enrolCode: string;
  enrolExpiresAt: string;
  enrollPath: string;
  enrollUrl: string;
  enrollQrSvg: string;
};
type UserReply = { id: string; email: string; role: string; siteIds: string[]; disabled: boolean };
type Invite = { userId: string; email: string; role: string; password: string };

let db: TestDatabase;
let server: TestServer;
let site: { siteId: string; municipalityId: string };
let foreignSite: { siteId: string };
let admin: { cookie: string; csrf: string };
let chief: { cookie: string; csrf: string };
const password = "en meget lang adgangskode";

async function logIn(email: string, pw = password) {
  const response = await fetch(`${server.baseUrl}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: pw }),
  });
  expect(response.status).toBe(201);
  const body = (await response.json()) as { csrfToken: string };
  return {
    cookie: (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "",
    csrf: body.csrfToken,
  };
}

function call(
  method: string,
  path: string,
  who: { cookie: string; csrf: string },
  body?: unknown,
  csrf = true,
) {
  return fetch(`${server.baseUrl}/api/v1/admin/${path}`, {
    method,
    headers: {
      cookie: who.cookie,
      "content-type": "application/json",
      ...(csrf ? { "x-csrf-token": who.csrf } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
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
  await addUser(db.pool, {
    email: "chef@test.dk",
    role: "chief",
    siteIds: [site.siteId],
    password,
  });
  admin = await logIn("admin@test.dk");
  chief = await logIn("chef@test.dk");
});
afterAll(async () => {
  await server.close();
  await db.drop();
});

describe("admin endpoints", () => {
  it("are for admins only", async () => {
    const response = await call("GET", "sites", chief);
    expect(response.status).toBe(403);
    expect(((await response.json()) as ErrorBody).error.code).toBe("forbidden");
  });

  it("refuse changes without the CSRF token", async () => {
    const response = await call("POST", "sites", admin, { name: "Nyt sted" }, false);
    expect(response.status).toBe(403);
    expect(((await response.json()) as ErrorBody).error.code).toBe("csrf_failed");
  });

  it("add a site and change its name, time zone and opening hours", async () => {
    const created = await call("POST", "sites", admin, {
      name: "Biblioteket",
      timezone: "Europe/Copenhagen",
    });
    expect(created.status).toBe(201);
    const { siteId } = (await created.json()) as { siteId: string };
    const hours = {
      mon: [["09:00", "12:00"]],
      tue: [],
      wed: [],
      thu: [],
      fri: [],
      sat: [],
      sun: [],
    };
    const patched = await call("PATCH", `sites/${siteId}`, admin, {
      name: "Hovedbiblioteket",
      openingHours: hours,
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({
      id: siteId,
      name: "Hovedbiblioteket",
      openingHours: hours,
    });
    const badHours = await call("PATCH", `sites/${siteId}`, admin, {
      openingHours: { mon: [["12:00", "09:00"]] },
    });
    expect(badHours.status).toBe(400);
    expect(((await badHours.json()) as ErrorBody).error.message).toMatch(
      /12:00 must be before 09:00/,
    );
    const badZone = await call("PATCH", `sites/${siteId}`, admin, { timezone: "Mars/Olympus" });
    expect(((await badZone.json()) as ErrorBody).error.code).toBe("invalid_timezone");
    const duplicate = await call("PATCH", `sites/${siteId}`, admin, { name: "Borgerservice" });
    expect(duplicate.status).toBe(409);
    const list = (await (await call("GET", "sites", admin)).json()) as { sites: SiteReply[] };
    expect(list.sites.map((s) => s.name)).toEqual(["Borgerservice", "Hovedbiblioteket"]);
    // Another municipality's site is unknown here.
    expect((await call("PATCH", `sites/${foreignSite.siteId}`, admin, { name: "x" })).status).toBe(
      404,
    );
  });

  it("add a kiosk, showing its enrolment link once, and revoke it", async () => {
    const created = await call("POST", "kiosks", admin, { siteId: site.siteId, name: "Skranke 1" });
    expect(created.status).toBe(201);
    expect(created.headers.get("cache-control")).toBe("no-store");
    const kiosk = (await created.json()) as KioskReply;
    // The link carries a one-time enrolment code, never the kiosk's token.
    expect(kiosk).not.toHaveProperty("token");
    expect(kiosk.enrolCode).toMatch(/^bpe_/);
    expect(kiosk.enrollPath).toBe(`/kiosk/?enroll=${kiosk.enrolCode}`);
    expect(kiosk.enrollUrl).toBe(`${server.baseUrl}/kiosk/?enroll=${kiosk.enrolCode}`);
    expect(kiosk.enrollQrSvg).toMatch(/^<svg/);
    const enrolled = await fetch(`${server.baseUrl}/api/v1/enrol`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code: kiosk.enrolCode }),
    });
    expect(enrolled.status).toBe(201);
    const { token } = (await enrolled.json()) as { token: string };
    const me = () =>
      fetch(`${server.baseUrl}/api/v1/kiosk/me`, {
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await me()).status).toBe(200);
    const list = (await (await call("GET", "kiosks", admin)).json()) as { kiosks: unknown[] };
    expect(list.kiosks).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain(token);
    const revoked = await call("POST", `kiosks/${kiosk.kioskId}/revoke`, admin);
    expect(revoked.status).toBe(200);
    expect((await me()).status).toBe(401);
    expect((await call("POST", "kiosks", admin, { siteId: foreignSite.siteId })).status).toBe(404);
  });

  it("invite a user with a one-time password, then change their role and sites", async () => {
    const created = await call("POST", "users", admin, {
      email: "Analytiker@Test.dk",
      role: "analyst",
      siteIds: [site.siteId],
    });
    expect(created.status).toBe(201);
    const user = (await created.json()) as Invite;
    expect(user).toMatchObject({ email: "analytiker@test.dk", role: "analyst" });
    const session = await logIn("analytiker@test.dk", user.password);
    expect(session.cookie).toMatch(/^bp_session=/);
    const patched = await call("PATCH", `users/${user.userId}`, admin, {
      role: "chief",
      siteIds: [],
    });
    expect(await patched.json()).toMatchObject({ role: "chief", siteIds: [] });
    const regranted = await call("PATCH", `users/${user.userId}`, admin, {
      siteIds: [site.siteId],
    });
    expect(await regranted.json()).toMatchObject({ siteIds: [site.siteId] });
    const again = await call("PATCH", `users/${user.userId}`, admin, { siteIds: [site.siteId] });
    expect(again.status).toBe(200);
    const disabled = await call("PATCH", `users/${user.userId}`, admin, { disabled: true });
    expect(await disabled.json()).toMatchObject({ disabled: true });
    const me = await fetch(`${server.baseUrl}/api/v1/session`, {
      headers: { cookie: session.cookie },
    });
    expect(me.status).toBe(401);
    const foreign = await call("POST", "users", admin, {
      email: "x@test.dk",
      role: "chief",
      siteIds: [foreignSite.siteId],
    });
    expect(foreign.status).toBe(404);
    const duplicate = await call("POST", "users", admin, { email: "chef@test.dk", role: "chief" });
    expect(duplicate.status).toBe(409);
  });

  it("will not let an admin lock themselves out", async () => {
    const users = (await (await call("GET", "users", admin)).json()) as { users: UserReply[] };
    const self = users.users.find((u) => u.email === "admin@test.dk");
    const response = await call("PATCH", `users/${self?.id}`, admin, { disabled: true });
    expect(response.status).toBe(400);
  });
});
