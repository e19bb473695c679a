import { describe, expect, it } from "vitest";
import { parseIdpMetadata } from "../../sync-server/sso/saml/idp-metadata.ts";
import { idpMetadata, newKeyPair } from "../helpers/saml-idp.ts";

const entityId = "https://saml.adgangsstyring.stoettesystemerne.dk";
const ssoUrl = "https://n2adgangsstyring.eksterntest-stoettesystemerne.dk/runtime/saml2/issue.idp";
const pairs = await Promise.all([newKeyPair("IdP 1"), newKeyPair("IdP 2")]);

function bare(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");
}

describe("parseIdpMetadata", () => {
  it("reads entity id, the HTTP-Redirect SSO URL and every signing certificate (not encryption)", () => {
    const xml = idpMetadata({ entityId, ssoUrl, certs: pairs.map((pair) => pair.cert) });
    expect(parseIdpMetadata(xml)).toEqual({
      ok: true,
      metadata: { entityId, ssoUrl, signingCerts: pairs.map((pair) => bare(pair.cert)) },
    });
  });

  it("finds the IdP inside an EntitiesDescriptor", () => {
    const inner = idpMetadata({ entityId, ssoUrl, certs: [pairs[0]?.cert ?? ""] }).replace(
      /^<\?xml[^>]*>\s*/,
      "",
    );
    const xml = `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">${inner}</md:EntitiesDescriptor>`;
    expect(parseIdpMetadata(xml)).toMatchObject({ ok: true, metadata: { entityId } });
  });

  it.each([
    ["not XML", "this is not xml"],
    ["a DOCTYPE", `<!DOCTYPE x [<!ENTITY a "b">]><md:EntityDescriptor/>`],
    ["SP metadata", `<EntityDescriptor entityID="x"><SPSSODescriptor/></EntityDescriptor>`],
    [
      "no entity id",
      idpMetadata({ entityId, ssoUrl, certs: [pairs[0]?.cert ?? ""] }).replace(
        /entityID="[^"]*"/,
        "",
      ),
    ],
    [
      "no usable SSO URL",
      idpMetadata({ entityId, ssoUrl: "javascript:alert(1)", certs: [pairs[0]?.cert ?? ""] }),
    ],
    ["no signing certificate", idpMetadata({ entityId, ssoUrl, certs: [] })],
    [
      "a broken certificate",
      idpMetadata({ entityId, ssoUrl, certs: [] }).replace(
        '<md:KeyDescriptor use="encryption">',
        "<md:KeyDescriptor>",
      ),
    ],
  ])("refuses %s with a reason", (_label, xml) => {
    const result = parseIdpMetadata(xml);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.reason).toMatch(/\w{3,}/);
  });
});
