import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { privilegesAttribute } from "../../sync-server/sso/saml/context-handler-groups.ts";
import { spEndpoints } from "../../sync-server/sso/saml/service-provider.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { twoSiteFixture } from "../helpers/fixtures.ts";
import { privilegeList, samlResponse, type TestIdp } from "../helpers/saml-idp.ts";
import { type Browser, setUpSamlProvider, startSamlLogin } from "../helpers/saml-login.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

// Each run verifies XML signatures on a shared, loaded machine: a hang guard, not a speed target.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 120_000 });

/**
 * Hostile bodies against the ACS, the one SAML endpoint anyone on the internet can post to:
 * garbage, valid responses with a few characters changed (so most reach the XML and signature
 * code), hostile XML (entities, DOCTYPE, huge or deep), odd field names and content types.
 * Seeded, so a failure replays; the count of answers ≥ 500 must stay zero.
 */
let db: TestDatabase;
let server: TestServer;
let idp: TestIdp;
let providerId = "";
const validXml: string[] = [];
/** The browser the valid answers' log-ins began in: /finish gets its cookie, so checks run. */
const browser: Browser = { cookie: undefined };

const chiefRole = "http://fuzz.dk/roles/jobrole/borgerpuls/chef/1";

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db.pool);
  const fixture = await twoSiteFixture(db.pool, "Fuzzkommune");
  ({ idp, providerId } = await setUpSamlProvider(db.pool, {
    municipalityId: fixture.municipalityId,
    idp: { entityId: "https://idp.fuzz.test", ssoUrl: "https://idp.fuzz.test/sso" },
    displayName: "Fuzz IdP",
    mappings: [{ group: chiefRole, role: "chief", siteIds: [] }],
  }));
  const sp = spEndpoints(server.baseUrl, providerId);
  // Answers to live requests, so mutations reach the signature and assertion checks.
  // One after another: the first start sets the browser cookie the others then send.
  for (let n = 0; n < 6; n += 1) {
    const inResponseTo = await startSamlLogin(server.baseUrl, providerId, idp, browser);
    const body = samlResponse(idp, {
      audience: sp.entityId,
      acsUrl: sp.acsUrl,
      inResponseTo,
      nameId: `fuzz-${n}`,
      attributes: {
        [privilegesAttribute]: [privilegeList([{ privileges: [chiefRole] }])],
        email: [`fuzz${n}@fuzz.dk`],
      },
    });
    validXml.push(Buffer.from(body, "base64").toString("utf8"));
  }
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

const hostileXml = fc.constantFrom(
  '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><r>&b;</r>',
  '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&x;</samlp:Response>',
  `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" InResponseTo="__proto__">${"<a>".repeat(2000)}</samlp:Response>`,
  '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" InResponseTo="constructor"><saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"/><saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"/></samlp:Response>',
  '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder"/></samlp:Status></samlp:Response>',
  '<samlp:LogoutResponse xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>',
  "\u0000\uFFFE<x>",
);

/** A valid response with a slice replaced: keeps most of the structure, breaks one detail. */
const mutatedValid = fc
  .tuple(
    fc.nat(),
    fc.nat(),
    fc.integer({ min: 0, max: 40 }),
    fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom(
        '"',
        "<",
        ">",
        "&amp;",
        "</saml:Assertion>",
        'ID="x"',
        'InResponseTo="_x"',
        "2099-01-01T00:00:00Z",
      ),
    ),
  )
  .map(([which, at, cut, insert]) => {
    const xml = validXml[which % validXml.length] ?? "";
    const start = at % Math.max(1, xml.length);
    return xml.slice(0, start) + insert + xml.slice(start + cut);
  });

const samlField = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ maxLength: 200 }).map((text) => Buffer.from(text).toString("base64")),
  hostileXml.map((xml) => Buffer.from(xml).toString("base64")),
  mutatedValid.map((xml) => Buffer.from(xml).toString("base64")),
  mutatedValid.map((xml) => Buffer.from(xml).toString("base64").slice(0, -3)),
);

const fieldName = fc.constantFrom(
  "SAMLResponse",
  "RelayState",
  "__proto__",
  "constructor",
  "SAMLResponse[]",
  "",
);

const body = fc.oneof(
  {
    weight: 6,
    arbitrary: samlField.map((value) => new URLSearchParams({ SAMLResponse: value }).toString()),
  },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.tuple(fieldName, samlField), { maxLength: 4 })
      .map((pairs) => new URLSearchParams(pairs).toString()),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
);

const contentType = fc.constantFrom(
  "application/x-www-form-urlencoded",
  "application/x-www-form-urlencoded; charset=utf-8",
  "application/x-www-form-urlencoded; charset=latin1",
  "application/json",
  "text/plain",
  "multipart/form-data; boundary=x",
);

describe("ACS fuzz (seeded)", () => {
  it("answers every hostile body with a 4xx page or a log-in, never ≥ 500", async () => {
    const statuses: number[] = [];
    const codes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(body, contentType, async (text, type) => {
        // The IdP's hop (no cookies) and our page's hop (with the starting browser's cookie).
        for (const [route, cookie] of [
          ["acs", undefined],
          ["finish", browser.cookie],
        ] as const) {
          const response = await fetch(`${server.baseUrl}/api/v1/sso/saml/${route}`, {
            method: "POST",
            headers: { "content-type": type, ...(cookie ? { cookie } : {}) },
            body: text,
            redirect: "manual",
          });
          const page = await response.text();
          statuses.push(response.status);
          codes.add(/data-error-code="([a-z_]+)"/.exec(page)?.[1] ?? `status ${response.status}`);
          if (response.status >= 500) return false;
        }
        return true;
      }),
      { seed: 1717, numRuns: 300 },
    );
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    // The run reached past the body checks into the signature and request checks.
    expect([...codes]).toEqual(
      expect.arrayContaining(["saml_invalid_response", "sso_bad_signature", "sso_state_invalid"]),
    );
  });
});
