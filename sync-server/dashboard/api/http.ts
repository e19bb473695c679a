/**
 * The one place the dashboard talks HTTP. Every call goes to /api/v1 on this host with the
 * session cookie; state-changing calls carry the CSRF token the session handed us.
 */

/** An error reply of the API: {"error": {"code", "message"}} (shared/errors.ts). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

// Set by the session client after log-in or GET /session; cleared on log-out. A module value
// rather than React state because it is a request credential, not something the UI renders.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

// Told when the server answers 401 to a signed-in page (the session expired or was ended by an
// admin), so the app can show the log-in page instead of an error on every panel.
let onUnauthorized: (() => void) | null = null;

export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

/** Builds /api/v1/<path>?… leaving out empty values, so "all sites" is simply no ?site. */
export function apiUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "" || value === false) continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `/api/v1/${path}${search ? `?${search}` : ""}`;
}

async function errorOf(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    return new ApiError(
      response.status,
      body.error?.code ?? "http_error",
      body.error?.message ?? response.statusText,
    );
  } catch {
    return new ApiError(response.status, "http_error", response.statusText);
  }
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Sends a request and returns the raw Response, throwing ApiError on a non-2xx reply. */
export async function send(
  method: Method,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  const all: Record<string, string> = { Accept: "application/json", ...headers };
  if (body !== undefined) all["Content-Type"] = "application/json";
  if (method !== "GET" && csrfToken) all["X-CSRF-Token"] = csrfToken;
  const response = await fetch(url, {
    method,
    headers: all,
    credentials: "same-origin",
    // We handle revalidation ourselves (ETag on /changes); the browser cache must not answer.
    cache: "no-store",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401 && !url.endsWith("/session")) onUnauthorized?.();
  if (!response.ok && response.status !== 304) throw await errorOf(response);
  return response;
}

export async function getJson<T>(path: string, query?: Query): Promise<T> {
  return (await (await send("GET", apiUrl(path, query))).json()) as T;
}

export async function sendJson<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const response = await send(method, apiUrl(path), body);
  return (response.status === 204 ? undefined : await response.json()) as T;
}
