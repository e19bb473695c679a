import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addSite } from "../../sync-server/admin/verbs.ts";
import { setOidcProvider } from "../../sync-server/sso/sso-settings.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { testFingerprintKeys } from "../helpers/fingerprint-keys.ts";
import { type ScriptedIdp, startScriptedIdp } from "../helpers/scripted-idp.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

let db: TestDatabase;
let server: TestServer;
let idp: ScriptedIdp;
let providerId = "";
/** Real states of log-ins under way, so some fuzzed callbacks get past the state lookup. */
const liveStates: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db.pool);
  idp = await startScriptedIdp();
  const site = await addSite(db.pool, { name: "Borgerservice", municipality: "Fuzzkommune" });
  ({ providerId } = await setOidcProvider(db.pool, testFingerprintKeys, {
    municipalityId: site.municipalityId,
    displayName: "Fuzzkommune",
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
  }));
  for (let i = 0; i < 20; i += 1) {
    const start = await fetch(`${server.baseUrl}/api/v1/sso/oidc/start?provider=${providerId}`, {
      redirect: "manual",
    });
    liveStates.push(new URL(start.headers.get("location") ?? "").searchParams.get("state") ?? "");
  }
});
afterAll(async () => {
  await idp?.close();
  await server?.close();
  await db?.drop();
});

const names = fc.constantFrom(
  "state",
  "code",
  "error",
  "error_description",
  "iss",
  "provider",
  "session_state",
  "__proto__",
  "constructor",
  "state[]",
  "state[a]",
);
const values = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ minLength: 500, maxLength: 6000 }),
  fc.uuid().map(String),
  fc.constantFrom("", "%", "%zz", "%00", "access_denied", "http://127.0.0.1:1", "null"),
  fc.constant(null).map(() => providerId),
  fc.nat({ max: 19 }).map((i) => liveStates[i] ?? ""),
);
/** Mostly encoded pairs; sometimes raw text, which may itself be broken percent-encoding. */
const query = fc
  .array(
    fc.oneof(
      {
        weight: 4,
        arbitrary: fc.tuple(names, values).map(([k, v]) => `${k}=${encodeURIComponent(v)}`),
      },
      {
        weight: 1,
        arbitrary: fc.tuple(names, values).map(([k, v]) => `${k}=${v.replace(/[#\s]/g, "")}`),
      },
    ),
    { maxLength: 6 },
  )
  .map((pairs) => pairs.join("&"));
const path = fc.constantFrom("oidc/callback", "oidc/start", "providers", "saml/start", "logout");

describe("SSO endpoints under fuzzed query strings", () => {
  it("answer every one below 500 (seeded)", async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(path, query, fc.boolean(), async (where, search, withCookie) => {
        const response = await fetch(`${server.baseUrl}/api/v1/sso/${where}?${search}`, {
          method: where === "logout" ? "POST" : "GET",
          redirect: "manual",
          headers: withCookie ? { cookie: `bp_sso_browser=${"A".repeat(43)}` } : {},
        });
        await response.arrayBuffer();
        seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
        expect(response.status, `${where}?${search}`).toBeLessThan(500);
      }),
      { seed: 1717, numRuns: 400 },
    );
    // The run reached more than the first refusal: redirects to the provider and state pages.
    expect(seen.get(302) ?? 0).toBeGreaterThan(0);
    expect(seen.get(400) ?? 0).toBeGreaterThan(0);
  });
});
