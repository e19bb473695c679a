import { childElements, parseXmlRoot } from "./parse-xml.ts";

/**
 * What the ACS reads from a SAMLResponse before its signature is checked, to know which
 * provider's keys check it and to name a refusal precisely. Nothing here is trusted: every
 * value that matters is checked again by node-saml against the signed assertion.
 */
export type ResponseEnvelope = {
  inResponseTo: string | undefined;
  /** The single assertion's ID (undefined when encrypted or missing). */
  assertionId: string | undefined;
  /** Whether the assertion carries a ds:Signature (an encrypted one counts: node-saml decides). */
  assertionSigned: boolean;
  /** The validity window: the later NotBefore and earlier NotOnOrAfter of conditions and subject. */
  notBefore: Date | undefined;
  notOnOrAfter: Date | undefined;
};

function instant(value: string | null | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function pick(
  dates: (Date | undefined)[],
  choose: (a: number, b: number) => number,
): Date | undefined {
  const times = dates
    .filter((date): date is Date => date !== undefined)
    .map((date) => date.getTime());
  return times.length === 0 ? undefined : new Date(times.reduce((a, b) => choose(a, b)));
}

/** An assertion's window: the later NotBefore and earlier NotOnOrAfter of conditions and subject. */
export function validityWindow(
  assertion: Element,
): Pick<ResponseEnvelope, "notBefore" | "notOnOrAfter"> {
  const conditions = childElements(assertion, "Conditions");
  const confirmations = childElements(assertion, "Subject")
    .flatMap((subject) => childElements(subject, "SubjectConfirmation"))
    .flatMap((confirmation) => childElements(confirmation, "SubjectConfirmationData"));
  const windows = [...conditions, ...confirmations];
  return {
    notBefore: pick(
      windows.map((element) => instant(element.getAttribute("NotBefore"))),
      Math.max,
    ),
    notOnOrAfter: pick(
      windows.map((element) => instant(element.getAttribute("NotOnOrAfter"))),
      Math.min,
    ),
  };
}

/** Undefined unless the field is base64 of a well-formed samlp:Response. */
export function readResponseEnvelope(samlResponse: string): ResponseEnvelope | undefined {
  if (!/^[A-Za-z0-9+/=\s]+$/.test(samlResponse)) return undefined;
  const root = parseXmlRoot(Buffer.from(samlResponse, "base64").toString("utf8"));
  if (root?.localName !== "Response") return undefined;
  const assertions = childElements(root, "Assertion");
  const encrypted = childElements(root, "EncryptedAssertion").length > 0;
  const assertion = assertions.length === 1 ? assertions[0] : undefined;
  const window = assertion
    ? validityWindow(assertion)
    : { notBefore: undefined, notOnOrAfter: undefined };
  return {
    inResponseTo: root.getAttribute("InResponseTo") || undefined,
    assertionId: assertion?.getAttribute("ID") || undefined,
    assertionSigned:
      encrypted || (assertion ? childElements(assertion, "Signature").length > 0 : false),
    ...window,
  };
}
