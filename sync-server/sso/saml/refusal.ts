import { SamlStatusError } from "@node-saml/node-saml";
import type { ErrorCode } from "../../../shared/errors.ts";
import type { ResponseEnvelope } from "./response-envelope.ts";
import { acceptedClockSkewMs } from "./service-provider.ts";

/** The catalogue codes a SAML response can be refused with (each has a Danish page). */
export type SamlRefusalCode = Extract<
  ErrorCode,
  | "saml_invalid_response"
  | "saml_unsigned"
  | "saml_not_yet_valid"
  | "saml_replayed"
  | "saml_metadata_missing"
  | "sso_wrong_audience"
  | "sso_token_expired"
  | "sso_bad_signature"
  | "sso_idp_refused"
  | "sso_state_invalid"
  | "sso_token_invalid"
>;

/**
 * node-saml reports a refused response as an Error with a message; this names it with our
 * catalogue's code. The time window is read from the envelope because node-saml says only "no
 * valid subject confirmation" when the subject's window is what failed.
 */
export function refusalOf(
  error: unknown,
  envelope: ResponseEnvelope,
  now: number,
): SamlRefusalCode {
  if (error instanceof SamlStatusError) return "sso_idp_refused";
  const message = error instanceof Error ? error.message : "";
  if (/audience/i.test(message)) return "sso_wrong_audience";
  if (/not yet valid/i.test(message)) return "saml_not_yet_valid";
  if (/expired/i.test(message)) return "sso_token_expired";
  if (/subject confirmation/i.test(message)) {
    const notBefore = envelope.notBefore?.getTime();
    return notBefore !== undefined && now + acceptedClockSkewMs < notBefore
      ? "saml_not_yet_valid"
      : "sso_token_expired";
  }
  if (/InResponseTo/i.test(message)) return "sso_state_invalid";
  if (/issuer/i.test(message)) return "sso_token_invalid";
  if (/signature/i.test(message)) return "sso_bad_signature";
  return "saml_invalid_response";
}
