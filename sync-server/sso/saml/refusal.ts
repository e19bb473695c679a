import { SamlStatusError } from "@node-saml/node-saml";
import type { ErrorCode } from "../../../shared/errors.ts";
import type { ResponseEnvelope } from "./response-envelope.ts";
import { acceptedClockSkewMs } from "./service-provider.ts";

export type SamlRefusalCode = Extract<ErrorCode, `saml_${string}`>;

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
  if (error instanceof SamlStatusError) return "saml_idp_refused";
  const message = error instanceof Error ? error.message : "";
  if (/audience/i.test(message)) return "saml_wrong_audience";
  if (/not yet valid/i.test(message)) return "saml_not_yet_valid";
  if (/expired/i.test(message)) return "saml_expired";
  if (/subject confirmation/i.test(message)) {
    const notBefore = envelope.notBefore?.getTime();
    return notBefore !== undefined && now + acceptedClockSkewMs < notBefore
      ? "saml_not_yet_valid"
      : "saml_expired";
  }
  if (/InResponseTo/i.test(message)) return "saml_unknown_request";
  if (/issuer/i.test(message)) return "saml_wrong_issuer";
  if (/signature/i.test(message)) return "saml_bad_signature";
  return "saml_invalid_response";
}
