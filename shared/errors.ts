/**
 * The one catalogue of error codes. Every API error body is {"error": {"code", "message"}} with
 * a code from here; the admin CLI prints the same messages. Codes are stable: clients branch on
 * them, so rename none.
 */
export const errorCatalogue = {
  // Whole-request errors (HTTP)
  not_found: { status: 404, message: "No such resource." },
  invalid_json: { status: 400, message: "The request body is not valid JSON." },
  invalid_request: { status: 400, message: "The request is not valid." },
  invalid_encoding: {
    status: 400,
    message:
      "The request body cannot be decoded as its Content-Encoding (gzip, deflate or br) says.",
  },
  payload_too_large: {
    status: 413,
    message: "The request body is larger than the server accepts.",
  },
  unauthorized: { status: 401, message: "A valid token or session is required." },
  forbidden: { status: 403, message: "You do not have access to this." },
  internal: { status: 500, message: "Something went wrong on the server; it has been logged." },
  database_unavailable: { status: 503, message: "The database cannot be reached." },
  // Temporary: the request was fine and nothing of it was stored; send it again after
  // Retry-After (kiosks retry every 5xx with backoff).
  database_full: {
    status: 503,
    message: "The database has no room to write (its disk is full); nothing was stored.",
  },
  database_read_only: {
    status: 503,
    message: "The database accepts no writes just now (read-only); nothing was stored.",
  },
  database_timeout: {
    status: 503,
    message: "The database did not answer in time (busy or locked); nothing was stored.",
  },
  server_busy: {
    status: 503,
    message: "The server is handling as many syncs as it can; try again after Retry-After.",
  },
  // Log-in and access
  login_failed: { status: 401, message: "The e-mail address or the password is wrong." },
  too_many_attempts: {
    status: 429,
    message: "Too many failed log-ins; wait a little and try again (see Retry-After).",
  },
  wrong_password: { status: 403, message: "The current password is wrong." },
  enrolment_code_invalid: {
    status: 401,
    message:
      "The enrolment code is unknown, already used or expired; ask for a new enrolment link.",
  },
  csrf_failed: {
    status: 403,
    message: "This change needs the X-CSRF-Token header, sent from this site.",
  },
  password_login_off: {
    status: 403,
    message:
      "Password log-in is off for this municipality except for admins; log in with its identity provider.",
  },
  // Single sign-on (OIDC and SAML): the callback shows each as a Danish page (sso/error-page.ts).
  sso_not_configured: {
    status: 404,
    message: "No identity provider has that id, or an admin has switched it off.",
  },
  sso_state_invalid: {
    status: 400,
    message:
      "The log-in is unknown, already used, expired or began in another browser; start again.",
  },
  sso_wrong_audience: {
    status: 401,
    message: "The identity provider's token was made for another application (audience).",
  },
  sso_token_expired: {
    status: 401,
    message: "The identity provider's token or assertion has expired (or is not valid yet).",
  },
  sso_bad_nonce: {
    status: 401,
    message: "The identity provider's token does not belong to this log-in (nonce).",
  },
  sso_bad_signature: {
    status: 401,
    message: "The identity provider's token is not signed by the provider's keys.",
  },
  sso_token_invalid: {
    status: 401,
    message: "The identity provider's answer could not be verified.",
  },
  sso_idp_refused: { status: 401, message: "The identity provider did not sign the person in." },
  sso_idp_unreachable: {
    status: 502,
    message: "The identity provider cannot be reached or answered with an error.",
  },
  sso_unknown_group: {
    status: 403,
    message: "None of the person's groups is mapped to a Borgerpuls role.",
  },
  sso_user_disabled: { status: 403, message: "This account has been disabled by an admin." },
  sso_no_email: {
    status: 403,
    message: "The identity provider sent no e-mail address, which a first log-in needs.",
  },
  sso_email_in_use: {
    status: 409,
    message:
      "The e-mail belongs to an admin's local account or to another identity; it is not taken over.",
  },
  invalid_sso_settings: {
    status: 400,
    message: "The single sign-on settings are not valid; see README (Single sign-on).",
  },
  // Reports
  invalid_report_query: { status: 400, message: "The report's parameters are not valid." },
  // Sync: one rejected response inside a 200 reply (docs/api.md). The status is what the code
  // would mean on its own; in a sync reply it sits in `rejected`, never in the HTTP status.
  conflict: {
    status: 409,
    message: "A different response with this id is already stored; the stored one stands.",
  },
  invalid_id: { status: 422, message: "The id must be a UUID." },
  id_not_uuidv7: {
    status: 422,
    message: "The id must be a UUIDv7 (time-ordered); responses are stored by its time.",
  },
  invalid_seq: { status: 422, message: "seq must be a whole number from 1 up." },
  unknown_questionnaire: { status: 422, message: "The questionnaire version is not known." },
  invalid_locale: { status: 422, message: 'locale must be a language code such as "da".' },
  invalid_status: { status: 422, message: 'status must be "complete" or "abandoned".' },
  invalid_timestamp: {
    status: 422,
    message: "Timestamps must be ISO 8601 with a UTC offset, e.g. 2026-11-23T10:15:02+01:00.",
  },
  unknown_question: { status: 422, message: "The answers name a question that is not asked." },
  unknown_answer: { status: 422, message: "The answer is not one of the question's codes." },
  referred_ok_without_sent_on: {
    status: 422,
    message: 'referred_ok may only be answered when sent_on is "yes".',
  },
  improve_detail_without_could_be_better: {
    status: 422,
    message: 'improve_reasons and improve_text need improve = "could_be_better".',
  },
  no_help_reasons_without_got_help_no: {
    status: 422,
    message: 'no_help_reasons may only be answered when got_help is "no" (questionnaire 2 on).',
  },
  text_too_long: { status: 422, message: "improve_text may be at most 500 characters." },
  invalid_flag: { status: 422, message: 'flags may only contain "suspect".' },
  invalid_response: { status: 422, message: "The response does not have the documented shape." },
  invalid_local_answers: {
    status: 422,
    message: "local must be an object of at most three question version ids → answer codes.",
  },
  local_question_not_asked: {
    status: 422,
    message: "The local answers name a question version this site has never asked.",
  },
  unknown_local_answer: {
    status: 422,
    message: "The local answer is not one of that question version's answer codes.",
  },
  // Administration
  unknown_site: { status: 404, message: "No site has that id." },
  unknown_kiosk: { status: 404, message: "No kiosk has that id." },
  unknown_token: { status: 404, message: "No API token has that id." },
  invalid_expiry: {
    status: 400,
    message: "An expiry is a whole number of hours, days or weeks, e.g. 90d (at most 3650d).",
  },
  unknown_municipality: { status: 404, message: "No municipality has that name." },
  unknown_user: { status: 404, message: "No enabled user has that e-mail address." },
  mail_channel_off: {
    status: 409,
    message: 'No mail can be sent: SMTP_URL is not set (README "Digests and alerts").',
  },
  municipality_required: {
    status: 400,
    message: 'Say which municipality with --municipality "<name>".',
  },
  duplicate_site: { status: 409, message: "The municipality already has a site with that name." },
  duplicate_email: { status: 409, message: "A user with that e-mail address already exists." },
  invalid_timezone: {
    status: 400,
    message: "Not a known IANA time zone (e.g. Europe/Copenhagen).",
  },
  invalid_email: { status: 400, message: "Not a valid e-mail address." },
  invalid_role: { status: 400, message: "Role must be admin, chief or analyst." },
  weak_password: { status: 400, message: "The password must be at least 12 characters." },
  invalid_kiosk_settings: {
    status: 400,
    message: "The kiosk settings are not valid; see docs/api.md for their ranges.",
  },
  invalid_local_question: {
    status: 400,
    message: "The local question is not valid; see docs/api.md (local questions).",
  },
  unknown_local_question: { status: 404, message: "No local question has that id." },
  duplicate_local_question: {
    status: 409,
    message: "The municipality already has a local question with that code.",
  },
  too_many_local_questions: {
    status: 409,
    message: "A site may ask at most three local questions (its municipality's and its own).",
  },
  sites_span_municipalities: {
    status: 400,
    message: "All --site values must belong to one municipality.",
  },
  // Backup and restore (admin CLI)
  backup_unreadable: { status: 422, message: "The backup file is damaged or not a backup." },
  backup_incompatible: {
    status: 409,
    message: "The backup was made by a build whose schema this one cannot restore.",
  },
  restore_target_not_empty: {
    status: 409,
    message: "The target database already holds data; restore only into an empty one.",
  },
  restore_verification_failed: {
    status: 422,
    message: "The restored data does not match the backup's manifest; nothing was kept.",
  },
  // Single sign-on, SAML 2.0 only (the sso_ codes above serve both protocols): the ACS shows
  // each as a Danish page (sso/error-page.ts)
  saml_invalid_response: {
    status: 400,
    message: "The SAMLResponse field is missing or is not a base64 SAML Response.",
  },
  saml_unsigned: {
    status: 401,
    message: "The SAML assertion is not signed; this server accepts signed assertions only.",
  },
  saml_not_yet_valid: {
    status: 401,
    message: "The SAML assertion is not valid yet: the IdP's clock or this server's is wrong.",
  },
  saml_replayed: {
    status: 401,
    message: "This SAML response or assertion has been used already.",
  },
  saml_metadata_missing: {
    status: 409,
    message:
      "No IdP metadata has been imported for this SAML provider (npm run admin -- sso saml).",
  },
  saml_invalid_metadata: { status: 400, message: "The file is not usable SAML IdP metadata." },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

export type ErrorBody = { error: { code: ErrorCode; message: string } };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;

  /** message overrides the catalogue's text with a more specific one a person can act on. */
  constructor(code: ErrorCode, message?: string) {
    super(message ?? errorCatalogue[code].message);
    this.code = code;
    this.status = errorCatalogue[code].status;
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}
