import { X509Certificate } from "node:crypto";
import { childElements, descendantElements, parseXmlRoot, trimmedText } from "./parse-xml.ts";

/** What the SP keeps of an IdP's metadata: who it is, where to send users, which keys sign. */
export type IdpMetadata = {
  entityId: string;
  /** SingleSignOnService for the HTTP-Redirect binding (HTTP-POST if the IdP has only that). */
  ssoUrl: string;
  /** Base64 DER X.509 certificates (no PEM armour) of the IdP's signing keys. */
  signingCerts: string[];
};

export type IdpMetadataResult = { ok: true; metadata: IdpMetadata } | { ok: false; reason: string };

const redirectBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
const postBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
/** Context Handler's metadata carries several keys during a rollover; more is not metadata. */
const maxSigningCerts = 10;

function isUrl(value: string): boolean {
  try {
    return ["https:", "http:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function validCert(base64: string): boolean {
  try {
    new X509Certificate(Buffer.from(base64, "base64"));
    return true;
  } catch {
    return false;
  }
}

/** Signing certificates: KeyDescriptors with use="signing" or no use at all (both uses). */
function signingCertsOf(descriptor: Element): string[] {
  const certs = childElements(descriptor, "KeyDescriptor")
    .filter((key) => (key.getAttribute("use") ?? "") !== "encryption")
    .flatMap((key) => descendantElements(key, "X509Certificate"))
    .map((cert) => trimmedText(cert).replace(/\s+/g, ""));
  return [...new Set(certs)];
}

/**
 * Reads IdP metadata XML (one EntityDescriptor, or the first IdP in an EntitiesDescriptor), as
 * KOMBIT Context Handler, AD FS and Entra ID publish it. Pure; every refusal says why.
 */
export function parseIdpMetadata(xml: string): IdpMetadataResult {
  const root = parseXmlRoot(xml);
  if (!root) return { ok: false, reason: "The file is not well-formed XML (or has a DOCTYPE)." };
  const entity = [root, ...descendantElements(root, "EntityDescriptor")].find(
    (element) =>
      element.localName === "EntityDescriptor" &&
      childElements(element, "IDPSSODescriptor").length > 0,
  );
  if (!entity) {
    return { ok: false, reason: "No EntityDescriptor with an IDPSSODescriptor: not IdP metadata." };
  }
  const entityId = (entity.getAttribute("entityID") ?? "").trim();
  if (entityId === "" || entityId.length > 1000) {
    return { ok: false, reason: "The EntityDescriptor has no entityID." };
  }
  const descriptor = childElements(entity, "IDPSSODescriptor")[0] as Element;
  const services = childElements(descriptor, "SingleSignOnService");
  const ssoUrl = [redirectBinding, postBinding]
    .map((binding) => services.find((service) => service.getAttribute("Binding") === binding))
    .map((service) => (service?.getAttribute("Location") ?? "").trim())
    .find((location) => location !== "");
  if (ssoUrl === undefined || !isUrl(ssoUrl)) {
    return {
      ok: false,
      reason:
        "No SingleSignOnService with the HTTP-Redirect or HTTP-POST binding and an http(s) Location.",
    };
  }
  const signingCerts = signingCertsOf(descriptor);
  if (signingCerts.length === 0) {
    return { ok: false, reason: "The IDPSSODescriptor names no signing certificate." };
  }
  if (signingCerts.length > maxSigningCerts) {
    return { ok: false, reason: `More than ${maxSigningCerts} signing certificates.` };
  }
  if (!signingCerts.every(validCert)) {
    return { ok: false, reason: "A signing certificate is not a valid X.509 certificate." };
  }
  return { ok: true, metadata: { entityId, ssoUrl, signingCerts } };
}
