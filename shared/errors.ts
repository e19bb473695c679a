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
  payload_too_large: {
    status: 413,
    message: "The request body is larger than the server accepts.",
  },
  unauthorized: { status: 401, message: "A valid token or session is required." },
  forbidden: { status: 403, message: "You do not have access to this." },
  internal: { status: 500, message: "Something went wrong on the server; it has been logged." },
  database_unavailable: { status: 503, message: "The database cannot be reached." },
  // Administration
  unknown_site: { status: 404, message: "No site has that id." },
  unknown_kiosk: { status: 404, message: "No kiosk has that id." },
  unknown_municipality: { status: 404, message: "No municipality has that name." },
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
  sites_span_municipalities: {
    status: 400,
    message: "All --site values must belong to one municipality.",
  },
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
