import { createVerify } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../shared/ids.ts";
import { addSite } from "../../sync-server/admin/verbs.ts";
import { hashSecret } from "../../sync-server/secrets.ts";
import {
  type AcceptedResponse,
  acceptSamlResponse,
} from "../../sync-server/sso/saml/accept-response.ts";
import { privilegesAttribute } from "../../sync-server/sso/saml/context-handler-groups.ts";
import { setSamlProvider } from "../../sync-server/sso/saml/saml-settings.ts";
import { spEndpoints } from "../../sync-server/sso/saml/service-provider.ts";
import { samlLoginRedirect } from "../../sync-server/sso/saml/start-login.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import {
  type AssertionOptions,
  authnRequestOf,
  createTestIdp,
  encryptAssertion,
  newKeyPair,
  privilegeList,
  samlResponse,
  type TestIdp,
} from "../helpers/saml-idp.ts";

const origin = "https://borgerpuls.horsens.dk";
const chiefRole = "http://horsens.dk/roles/jobrole/borgerpuls/chef/1";
let db: TestDatabase;
let idp: TestIdp;
let provider: { municipalityId: string; providerId: string };

beforeAll(async () => {
  db = await createTestDatabase();
  const site = await addSite(db.pool, { name: "Borgerservice", municipality: "Horsens" });
  idp = await createTestIdp({
    entityId: "https://adgangsstyring.test/idp",
    ssoUrl: "https://adgangsstyring.test/sso",
  });
  const set = await setSamlProvider(db.pool, {
    municipalityId: site.municipalityId,
    displayName: "Adgangsstyring",
    metadataXml: idp.metadataXml,
  });
  provider = { municipalityId: set.municipalityId, providerId: set.providerId };
});

afterAll(async () => {
  await db?.drop();
});

/** The bp_sso_browser cookie of the browser these log-ins start in, and its stored hash. */
const browser = "the-browser-that-started-the-log-in";
const browserHash = hashSecret(browser);

/** What the finish route does with a posted SAMLResponse, in that browser. */
function accept(body: string, fromBrowser: { secret: string | undefined } = { secret: browser }) {
  return acceptSamlResponse(db.pool, {
    samlResponse: body,
    publicOrigin: origin,
    browserSecret: fromBrowser.secret,
  });
}

/** A fresh AuthnRequest, as the log-in button makes it; returns its id. */
async function startLogin(): Promise<string> {
  const url = await samlLoginRedirect(
    db.pool,
    provider,
    { publicOrigin: origin, spKey: undefined },
    browserHash,
  );
  if (!url) throw new Error("no IdP metadata");
  expect(url.startsWith(`${idp.ssoUrl}?SAMLRequest=`)).toBe(true);
  return authnRequestOf(url).id;
}

async function answer(overrides: Partial<AssertionOptions> = {}): Promise<AcceptedResponse> {
  const sp = spEndpoints(origin, provider.providerId);
  const inResponseTo = "inResponseTo" in overrides ? overrides.inResponseTo : await startLogin();
  const body = samlResponse(idp, {
    audience: sp.entityId,
    acsUrl: sp.acsUrl,
    nameId: "CN=Karen Chef,Serial=1234",
    attributes: {
      [privilegesAttribute]: [privilegeList([{ privileges: [chiefRole] }])],
      "https://data.gov.dk/model/core/eid/email": ["Karen@Horsens.dk"],
    },
    ...overrides,
    inResponseTo,
  });
  return accept(body);
}

/** A signed answer without attributes to a fresh request of ours. */
async function freshAnswer(nameId: string): Promise<string> {
  const sp = spEndpoints(origin, provider.providerId);
  const inResponseTo = await startLogin();
  return samlResponse(idp, {
    audience: sp.entityId,
    acsUrl: sp.acsUrl,
    nameId,
    attributes: {},
    inResponseTo,
  });
}

function codeOf(result: AcceptedResponse): string {
  return result.ok ? "ok" : result.code;
}

describe("acceptSamlResponse (the ACS's checks, against a real PostgreSQL)", () => {
  it("accepts a signed assertion answering our request and reads identity and groups", async () => {
    const result = await answer();
    expect(result).toEqual({
      ok: true,
      identity: {
        ...provider,
        subject: "CN=Karen Chef,Serial=1234",
        email: "karen@horsens.dk",
        name: null,
        groups: [chiefRole],
        problems: [],
      },
    });
  });

  it("refuses an unsigned assertion", async () => {
    expect(codeOf(await answer({ signWith: "unsigned" }))).toBe("saml_unsigned");
  });

  it("refuses an assertion signed with a key the IdP metadata does not name", async () => {
    const stranger = await newKeyPair("Not the IdP");
    expect(codeOf(await answer({ signWith: stranger }))).toBe("sso_bad_signature");
  });

  it("refuses an assertion meant for another service provider", async () => {
    expect(codeOf(await answer({ audience: "https://other.example/sp" }))).toBe(
      "sso_wrong_audience",
    );
  });

  it("refuses an expired assertion and one not valid yet (beyond the clock skew)", async () => {
    const now = Date.now();
    const expired = {
      notBefore: new Date(now - 20 * 60_000),
      notOnOrAfter: new Date(now - 5 * 60_000),
    };
    expect(codeOf(await answer(expired))).toBe("sso_token_expired");
    const early = {
      notBefore: new Date(now + 5 * 60_000),
      notOnOrAfter: new Date(now + 20 * 60_000),
    };
    expect(codeOf(await answer(early))).toBe("saml_not_yet_valid");
  });

  it("accepts an assertion just inside the clock skew", async () => {
    const now = Date.now();
    const result = await answer({
      notBefore: new Date(now + 20_000),
      notOnOrAfter: new Date(now + 60_000),
    });
    expect(codeOf(result)).toBe("ok");
  });

  it("refuses a response to no request of ours, and one without InResponseTo", async () => {
    expect(codeOf(await answer({ inResponseTo: "_made-up-request-id" }))).toBe("sso_state_invalid");
    expect(codeOf(await answer({ inResponseTo: undefined }))).toBe("sso_state_invalid");
  });

  it("refuses the same response posted twice, and a used assertion re-wrapped for a new request", async () => {
    const sp = spEndpoints(origin, provider.providerId);
    const options = {
      audience: sp.entityId,
      acsUrl: sp.acsUrl,
      nameId: "replayed-person",
      attributes: {},
      assertionId: `_${newId()}`,
    };
    const first = samlResponse(idp, { ...options, inResponseTo: await startLogin() });
    expect(codeOf(await accept(first))).toBe("ok");
    expect(codeOf(await accept(first))).toBe("saml_replayed");
    // The same assertion id under a new, live request: the replay cache still knows it.
    const again = samlResponse(idp, { ...options, inResponseTo: await startLogin() });
    expect(codeOf(await accept(again))).toBe("saml_replayed");
  });

  it("lets only one of two simultaneous posts of one response through", async () => {
    const body = await freshAnswer("racing-person");
    const results = await Promise.all([1, 2, 3].map(() => accept(body)));
    expect(results.map(codeOf).sort()).toEqual(["ok", "saml_replayed", "saml_replayed"]);
  });

  it("refuses an assertion whose issuer is not the imported IdP, even with its key", async () => {
    expect(codeOf(await answer({ issuer: "https://evil.example/idp" }))).toBe("sso_token_invalid");
  });

  it("with an SP key pair: signs the AuthnRequest and reads an assertion encrypted to it", async () => {
    const spKey = await newKeyPair("Borgerpuls SP");
    const url = await samlLoginRedirect(
      db.pool,
      provider,
      { publicOrigin: origin, spKey },
      browserHash,
    );
    const query = new URL(url ?? "").searchParams;
    // The HTTP-Redirect binding's signature: over SAMLRequest, RelayState, SigAlg as sent.
    const signed = url?.slice(url.indexOf("?") + 1).split("&Signature=")[0] ?? "";
    const verifier = createVerify("RSA-SHA256").update(signed);
    expect(verifier.verify(spKey.cert, query.get("Signature") ?? "", "base64")).toBe(true);
    const sp = spEndpoints(origin, provider.providerId);
    const plain = samlResponse(idp, {
      audience: sp.entityId,
      acsUrl: sp.acsUrl,
      inResponseTo: authnRequestOf(url ?? "").id,
      nameId: "encrypted-person",
      attributes: { email: ["krypteret@horsens.dk"] },
    });
    const body = await encryptAssertion(plain, spKey.cert);
    expect(Buffer.from(body, "base64").toString()).not.toContain("encrypted-person");
    const result = await acceptSamlResponse(db.pool, {
      samlResponse: body,
      publicOrigin: origin,
      browserSecret: browser,
      spKey,
    });
    expect(result).toMatchObject({ ok: true, identity: { subject: "encrypted-person" } });
    // Without the key the same kind of response cannot be read, and is refused, not a 500.
    const other = await encryptAssertion(
      samlResponse(idp, {
        ...{ audience: sp.entityId, acsUrl: sp.acsUrl },
        inResponseTo: await startLogin(),
        nameId: "x",
        attributes: {},
      }),
      spKey.cert,
    );
    expect(
      codeOf(
        await acceptSamlResponse(db.pool, {
          samlResponse: other,
          publicOrigin: origin,
          browserSecret: browser,
        }),
      ),
    ).toBe("saml_invalid_response");
  });

  it("refuses an answer brought by another browser than the one that started the log-in", async () => {
    const body = await freshAnswer("pushed-person");
    expect(codeOf(await accept(body, { secret: undefined }))).toBe("sso_state_invalid");
    expect(codeOf(await accept(body, { secret: "somebody-elses-browser" }))).toBe(
      "sso_state_invalid",
    );
    // The request is not used up by that: its own browser can still finish.
    expect(codeOf(await accept(body))).toBe("ok");
  });

  it("refuses a NameID longer than an identity can keep, instead of failing in the database", async () => {
    expect(codeOf(await answer({ nameId: "x".repeat(501) }))).toBe("saml_invalid_response");
  });

  it("refuses what is not a SAML response at all", async () => {
    for (const body of ["", "!!!", Buffer.from("<html/>").toString("base64")]) {
      const result = await acceptSamlResponse(db.pool, {
        samlResponse: body,
        publicOrigin: origin,
        browserSecret: browser,
      });
      expect(codeOf(result)).toBe("saml_invalid_response");
    }
  });
});
