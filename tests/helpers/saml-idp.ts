import { createPublicKey, randomUUID } from "node:crypto";
import { inflateRawSync } from "node:zlib";
import { generate } from "selfsigned";
import { SignedXml } from "xml-crypto";
import { encrypt } from "xml-encryption";

/**
 * The tests' SAML identity provider: a key pair and self-signed certificate made per test file,
 * its metadata XML, and SAML Responses built and signed (xml-crypto, as a real IdP would) for
 * the SP to check. Nothing here is the SP's code.
 */
export type TestIdp = {
  entityId: string;
  ssoUrl: string;
  cert: string;
  key: string;
  metadataXml: string;
};

export type KeyPair = { cert: string; key: string };

export async function newKeyPair(commonName = "Test IdP"): Promise<KeyPair> {
  const pems = await generate([{ name: "commonName", value: commonName }], {
    keySize: 2048,
    algorithm: "sha256",
  });
  return { cert: pems.cert, key: pems.private };
}

function bareCert(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");
}

function escapeXml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

export async function createTestIdp(options: {
  entityId: string;
  ssoUrl: string;
}): Promise<TestIdp> {
  const pair = await newKeyPair();
  return { ...options, ...pair, metadataXml: idpMetadata({ ...options, certs: [pair.cert] }) };
}

/** IdP metadata as Context Handler, AD FS and Entra ID publish it (the parts an SP reads). */
export function idpMetadata(options: {
  entityId: string;
  ssoUrl: string;
  certs: string[];
}): string {
  const keys = options.certs
    .map(
      (cert) =>
        `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${bareCert(cert)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${escapeXml(options.entityId)}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    ${keys}
    <md:KeyDescriptor use="encryption"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>MIIBnotasigningcert</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:SOAP" Location="${escapeXml(options.ssoUrl)}/soap"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${escapeXml(options.ssoUrl)}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;
}

/** A Context Handler privilege list (OIOSAML Basic Privilege Profile), base64 as it is sent. */
export function privilegeList(
  groups: { privileges: string[]; constraints?: { name: string; value: string }[] }[],
): string {
  const body = groups
    .map(
      (group) =>
        `<PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:29189773">${group.privileges
          .map((privilege) => `<Privilege>${escapeXml(privilege)}</Privilege>`)
          .join("")}${(group.constraints ?? [])
          .map((c) => `<Constraint Name="${escapeXml(c.name)}">${escapeXml(c.value)}</Constraint>`)
          .join("")}</PrivilegeGroup>`,
    )
    .join("");
  const xml = `<?xml version="1.0" encoding="UTF-8"?><bpp:PrivilegeList xmlns:bpp="http://itst.dk/oiosaml/basic_privilege_profile" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${body}</bpp:PrivilegeList>`;
  return Buffer.from(xml).toString("base64");
}

export type AssertionOptions = {
  /** The SP's entity id, as the IdP puts it in AudienceRestriction. */
  audience: string;
  acsUrl: string;
  inResponseTo: string | undefined;
  nameId: string;
  attributes: Record<string, string[]>;
  /** Validity window; default: from a minute ago to five minutes from now. */
  notBefore?: Date;
  notOnOrAfter?: Date;
  assertionId?: string;
  /** Who signs the assertion: the IdP's key (default), another key, or nobody. */
  signWith?: KeyPair | "unsigned";
  issuer?: string;
};

function iso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function attributeXml(attributes: Record<string, string[]>): string {
  return Object.entries(attributes)
    .map(
      ([name, values]) =>
        `<saml:Attribute Name="${escapeXml(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">${values
          .map(
            (value) =>
              `<saml:AttributeValue xsi:type="xs:string">${escapeXml(value)}</saml:AttributeValue>`,
          )
          .join("")}</saml:Attribute>`,
    )
    .join("");
}

function signAssertion(xml: string, pair: KeyPair): string {
  const signer = new SignedXml({
    privateKey: pair.key,
    publicCert: pair.cert,
    signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
  });
  signer.addReference({
    xpath: "//*[local-name(.)='Assertion']",
    transforms: [
      "http://www.w3.org/2000/09/xmldsig#enveloped-signature",
      "http://www.w3.org/2001/10/xml-exc-c14n#",
    ],
    digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
  });
  signer.computeSignature(xml, {
    prefix: "ds",
    location: {
      reference: "//*[local-name(.)='Assertion']/*[local-name(.)='Issuer']",
      action: "after",
    },
  });
  return signer.getSignedXml();
}

/** A SAML Response with one assertion, base64 as the HTTP-POST binding's SAMLResponse field. */
export function samlResponse(idp: TestIdp, options: AssertionOptions): string {
  const now = Date.now();
  const notBefore = iso(options.notBefore ?? new Date(now - 60_000));
  const notOnOrAfter = iso(options.notOnOrAfter ?? new Date(now + 5 * 60_000));
  const issued = iso(new Date(Math.min(now, (options.notBefore ?? new Date(now)).getTime())));
  const issuer = escapeXml(options.issuer ?? idp.entityId);
  const inResponseTo =
    options.inResponseTo === undefined ? "" : ` InResponseTo="${escapeXml(options.inResponseTo)}"`;
  const assertionId = options.assertionId ?? `_${randomUUID()}`;
  const assertion = `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ID="${escapeXml(assertionId)}" Version="2.0" IssueInstant="${issued}"><saml:Issuer>${issuer}</saml:Issuer><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${escapeXml(options.nameId)}</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${notOnOrAfter}" Recipient="${escapeXml(options.acsUrl)}"${inResponseTo}/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}"><saml:AudienceRestriction><saml:Audience>${escapeXml(options.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions><saml:AuthnStatement AuthnInstant="${issued}" SessionIndex="${assertionId}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement><saml:AttributeStatement>${attributeXml(options.attributes)}</saml:AttributeStatement></saml:Assertion>`;
  const response = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_${randomUUID()}" Version="2.0" IssueInstant="${issued}" Destination="${escapeXml(options.acsUrl)}"${inResponseTo}><saml:Issuer>${issuer}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>${assertion}</samlp:Response>`;
  const signWith = options.signWith ?? idp;
  const xml = signWith === "unsigned" ? response : signAssertion(response, signWith);
  return Buffer.from(xml).toString("base64");
}

/** The auto-submitting page an IdP answers with (HTTP-POST binding), for the browser test. */
export function postBindingPage(
  acsUrl: string,
  samlResponseValue: string,
  relayState?: string,
): string {
  const relay =
    relayState === undefined
      ? ""
      : `<input type="hidden" name="RelayState" value="${escapeXml(relayState)}">`;
  return `<!doctype html><html lang="da"><body onload="document.forms[0].submit()"><form method="post" action="${escapeXml(acsUrl)}"><input type="hidden" name="SAMLResponse" value="${samlResponseValue}">${relay}<noscript><button>Fortsæt</button></noscript></form></body></html>`;
}

/** The AuthnRequest an HTTP-Redirect binding URL carries (what the IdP reads), and its ID. */
export function authnRequestOf(redirectUrl: string): {
  id: string;
  xml: string;
  relayState: string | null;
} {
  const url = new URL(redirectUrl);
  const encoded = url.searchParams.get("SAMLRequest");
  if (!encoded) throw new Error(`no SAMLRequest in ${redirectUrl}`);
  const xml = inflateRawSync(Buffer.from(encoded, "base64")).toString("utf8");
  const id = /\bID="([^"]+)"/.exec(xml)?.[1];
  if (!id) throw new Error(`no ID in ${xml}`);
  return { id, xml, relayState: url.searchParams.get("RelayState") };
}

/** The response with its (signed) assertion encrypted to the SP's certificate, as Context Handler sends it. */
export async function encryptAssertion(samlResponseValue: string, spCert: string): Promise<string> {
  const xml = Buffer.from(samlResponseValue, "base64").toString("utf8");
  const assertion = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(xml)?.[0];
  if (!assertion) throw new Error("no assertion to encrypt");
  const encrypted = await new Promise<string>((resolve, reject) =>
    encrypt(
      assertion,
      {
        rsa_pub: createPublicKey(spCert).export({ type: "spki", format: "pem" }),
        pem: spCert,
        encryptionAlgorithm: "http://www.w3.org/2009/xmlenc11#aes256-gcm",
        keyEncryptionAlgorithm: "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p",
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    ),
  );
  const wrapped = xml.replace(
    assertion,
    `<saml:EncryptedAssertion>${encrypted}</saml:EncryptedAssertion>`,
  );
  return Buffer.from(wrapped).toString("base64");
}
