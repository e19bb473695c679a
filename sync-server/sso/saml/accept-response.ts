import type { SAML } from "@node-saml/node-saml";
import type { Queryable } from "../../db.ts";
import { findSamlIdp } from "../../queries/sso-saml-idps.ts";
import { findSamlRequest, markSamlRequestUsed } from "../../queries/sso-saml-requests.ts";
import { markAssertionUsed } from "../../queries/sso-saml-used-assertions.ts";
import { secretMatches } from "../../secrets.ts";
import { groupsFromAttributes } from "./context-handler-groups.ts";
import { emailAndName } from "./identity-attributes.ts";
import { parseXmlRoot } from "./parse-xml.ts";
import { refusalOf, type SamlRefusalCode } from "./refusal.ts";
import { samlRequestStore } from "./request-store.ts";
import { readResponseEnvelope, validityWindow } from "./response-envelope.ts";
import {
  acceptedClockSkewMs,
  type SpKeyPair,
  samlServiceProvider,
  spEndpoints,
} from "./service-provider.ts";

/** Who a signed, checked assertion says the person is, for signInFromIdentity. */
export type SamlIdentity = {
  municipalityId: string;
  providerId: string;
  subject: string;
  email: string | null;
  name: string | null;
  groups: string[];
  /** Parts of the attributes that could not be read (for the audit entry). */
  problems: string[];
};

export type SamlRefusal = {
  code: SamlRefusalCode;
  /** Known once the response names a request this SP made; then the refusal is audited there. */
  provider: { municipalityId: string; providerId: string } | undefined;
  /** For the audit log and the server log; never shown to the person. */
  detail: string;
};

export type AcceptedResponse = { ok: true; identity: SamlIdentity } | ({ ok: false } & SamlRefusal);

const maxSubjectLength = 500;

/** Without NotOnOrAfter the replay cache keeps an id this long (node-saml then has no limit). */
const unboundedAssertionKeepMs = 24 * 60 * 60 * 1000;

function refused(
  code: SamlRefusalCode,
  detail: string,
  provider?: SamlRefusal["provider"],
): AcceptedResponse {
  return { ok: false, code, provider, detail };
}

function attributesOf(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/**
 * The ACS's work on one HTTP-POST binding SAMLResponse: find the request it answers, verify it
 * with that provider's IdP keys (node-saml), refuse a second use of the request or of the
 * assertion id, and read the person's identity and groups. Every refusal is a code of the
 * catalogue; nothing the response says is used before its signature has been verified.
 */
export async function acceptSamlResponse(
  db: Queryable,
  input: {
    samlResponse: string;
    publicOrigin: string;
    spKey?: SpKeyPair | undefined;
    /** The bp_sso_browser cookie the finishing request carries (log-in CSRF). */
    browserSecret: string | undefined;
  },
): Promise<AcceptedResponse> {
  const envelope = readResponseEnvelope(input.samlResponse);
  if (!envelope) return refused("saml_invalid_response", "not a base64 samlp:Response");
  if (!envelope.inResponseTo) {
    return refused("sso_state_invalid", "no InResponseTo: IdP-initiated log-in is not accepted");
  }
  const request = await findSamlRequest(db, envelope.inResponseTo);
  if (!request) return refused("sso_state_invalid", "InResponseTo names no live request");
  const provider = { municipalityId: request.municipalityId, providerId: request.providerId };
  if (request.used) return refused("saml_replayed", "the request was answered already", provider);
  // Not used up: the browser that did start it may still bring its own answer.
  if (!input.browserSecret || !secretMatches(input.browserSecret, request.browserHash)) {
    return refused("sso_state_invalid", "the log-in began in another browser", provider);
  }
  const idp = await findSamlIdp(db, provider);
  if (!idp) return refused("saml_metadata_missing", "no IdP metadata imported", provider);
  if (!envelope.assertionSigned) {
    await markSamlRequestUsed(db, { ...provider, id: envelope.inResponseTo });
    return refused("saml_unsigned", "the assertion carries no signature", provider);
  }
  const requests = samlRequestStore(db, provider);
  const sp = spEndpoints(input.publicOrigin, provider.providerId);
  let validated: Awaited<ReturnType<SAML["validatePostResponseAsync"]>>;
  try {
    validated = await samlServiceProvider(idp, sp, requests, input.spKey).validatePostResponseAsync(
      {
        SAMLResponse: input.samlResponse,
      },
    );
  } catch (error) {
    const detail = error instanceof Error ? error.message.slice(0, 300) : "refused";
    return refused(refusalOf(error, envelope, Date.now()), detail, provider);
  }
  const profile = validated.profile;
  // sso_identities keeps a subject of at most 500 characters.
  if (!profile?.nameID || profile.nameID.length > maxSubjectLength) {
    return refused("saml_invalid_response", "no assertion, or no usable NameID", provider);
  }
  // Two posts of one response racing past node-saml's check: only one marked the request used.
  if (!requests.usedUp(envelope.inResponseTo)) {
    return refused("saml_replayed", "another post of this response won", provider);
  }
  if (profile.issuer !== idp.entityId) {
    return refused("sso_token_invalid", `issuer ${String(profile.issuer).slice(0, 200)}`, provider);
  }
  const signed = parseXmlRoot(profile.getAssertionXml?.() ?? "");
  const assertionId = signed?.getAttribute("ID") ?? "";
  if (!signed || assertionId === "" || assertionId.length > 200) {
    return refused("saml_invalid_response", "the signed assertion has no usable ID", provider);
  }
  const notOnOrAfter = validityWindow(signed).notOnOrAfter?.getTime();
  const expiresAt = new Date(
    (notOnOrAfter ?? Date.now() + unboundedAssertionKeepMs) + acceptedClockSkewMs,
  );
  if (!(await markAssertionUsed(db, { ...provider, assertionId, expiresAt }))) {
    return refused(
      "saml_replayed",
      `assertion ${assertionId.slice(0, 100)} was used already`,
      provider,
    );
  }
  const attributes = attributesOf(profile.attributes);
  const { groups, problems } = groupsFromAttributes(attributes);
  return {
    ok: true,
    identity: {
      ...provider,
      subject: profile.nameID,
      ...emailAndName(attributes),
      groups,
      problems,
    },
  };
}
