import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findSamlIdp } from "../../sync-server/queries/sso-saml-idps.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { twoSiteFixture } from "../helpers/fixtures.ts";
import { runScript } from "../helpers/run-script.ts";
import { idpMetadata, newKeyPair } from "../helpers/saml-idp.ts";

/** `npm run admin -- sso saml --metadata <file>` as an operator runs it (a real process). */
let db: TestDatabase;
let dir = "";
let municipalityId = "";
const entityId = "https://saml.adgangsstyring.test";
const ssoUrl = "https://adgangsstyring.test/runtime/saml2/issue.idp";

async function admin(args: string[]) {
  const result = await runScript("sync-server/bin/admin.ts", [...args, "--json"], {
    env: { DATABASE_URL: db.url, FINGERPRINT_KEYS_FILE: path.join(dir, "fingerprint-keys") },
  });
  return { ...result, json: () => JSON.parse(result.stdout) as Record<string, unknown> };
}

function metadataFile(name: string, xml: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, xml);
  return file;
}

beforeAll(async () => {
  db = await createTestDatabase();
  ({ municipalityId } = await twoSiteFixture(db.pool, "Horsens"));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "bp-saml-cli-"));
});
afterAll(async () => {
  await db?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("sso saml --metadata", () => {
  it("imports the IdP, names the SP metadata path, audits, and keeps the provider id on re-import", async () => {
    const [first, second] = await Promise.all([newKeyPair("IdP 2025"), newKeyPair("IdP 2026")]);
    const file = metadataFile(
      "idp.xml",
      idpMetadata({ entityId, ssoUrl, certs: [first?.cert ?? ""] }),
    );
    const out = await admin([
      "sso",
      "saml",
      "--metadata",
      file,
      "--name",
      "Adgangsstyring",
      "--municipality",
      "Horsens",
    ]);
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    const providerId = String(out.json().providerId);
    expect(out.json()).toMatchObject({
      municipalityId,
      entityId,
      ssoUrl,
      signingCertificates: 1,
      spMetadataPath: `/api/v1/sso/saml/${providerId}/metadata`,
    });
    // A key rollover: the IdP publishes both keys; the same provider (and SP entity id) stays.
    const rolled = metadataFile(
      "idp-rolled.xml",
      idpMetadata({ entityId, ssoUrl, certs: [first?.cert ?? "", second?.cert ?? ""] }),
    );
    const again = await admin(["sso", "saml", "--metadata", rolled]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.json()).toMatchObject({ providerId, signingCertificates: 2 });
    expect((await findSamlIdp(db.pool, { municipalityId, providerId }))?.signingCerts).toHaveLength(
      2,
    );
    const audited = await db.pool.query(
      "select action, target_id from audit_log where actor_kind = 'cli' and action = 'sso.provider_set'",
    );
    expect(audited.rows).toEqual([
      { action: "sso.provider_set", target_id: providerId },
      { action: "sso.provider_set", target_id: providerId },
    ]);
  });

  it("refuses a file that is not IdP metadata, or missing, with the reason and nothing stored", async () => {
    const before = await db.pool.query("select count(*)::int as n from sso_saml_idps");
    const spMetadata = metadataFile(
      "sp.xml",
      `<EntityDescriptor entityID="x"><SPSSODescriptor/></EntityDescriptor>`,
    );
    const wrong = await admin(["sso", "saml", "--metadata", spMetadata]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/IDPSSODescriptor/);
    const missing = await admin(["sso", "saml", "--metadata", path.join(dir, "nope.xml")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot be read/);
    const none = await admin(["sso", "saml"]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/--metadata/);
    const after = await db.pool.query("select count(*)::int as n from sso_saml_idps");
    expect(after.rows).toEqual(before.rows);
  });
});
