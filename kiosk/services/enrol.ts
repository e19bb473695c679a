import type { Enrolment } from "../store/meta.ts";

/** Asks the server who a kiosk token belongs to (GET /api/v1/kiosk/me). No storage here. */

export type EnrolResult = { ok: true; enrolment: Enrolment } | { ok: false; message: string };

type Me = { kioskId: string; siteId: string; name: string; serverTime: string };

function isMe(value: unknown): value is Me {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return ["kioskId", "siteId", "name", "serverTime"].every(
    (key) => typeof record[key] === "string",
  );
}

function errorMessage(body: unknown, status: number): string {
  if (typeof body === "object" && body !== null && "error" in body) {
    const error = (body as { error: unknown }).error;
    if (typeof error === "object" && error !== null && "message" in error) {
      return String((error as { message: unknown }).message);
    }
  }
  return `The server answered ${status}.`;
}

export function normaliseServerUrl(url: string): string {
  return url.trim().replace(/\/+$/, "");
}

/**
 * An enrolment link carries a one-time code (`bpe_…`), not the token: trade it for the token
 * (POST /api/v1/enrol) first. A token typed in by hand is used as it is.
 */
async function tokenFor(
  base: string,
  tokenOrCode: string,
): Promise<{ token: string } | { message: string }> {
  if (!tokenOrCode.startsWith("bpe_")) return { token: tokenOrCode };
  let response: Response;
  try {
    response = await fetch(`${base}/api/v1/enrol`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ code: tokenOrCode }),
      cache: "no-store",
    });
  } catch {
    return { message: `No answer from ${base}. Is the tablet online?` };
  }
  const body: unknown = await response.json().catch(() => undefined);
  const token =
    typeof body === "object" && body !== null && "token" in body ? body.token : undefined;
  if (!response.ok || typeof token !== "string") {
    return { message: errorMessage(body, response.status) };
  }
  return { token };
}

export async function checkToken(serverUrl: string, given: string): Promise<EnrolResult> {
  const base = normaliseServerUrl(serverUrl);
  const exchanged = await tokenFor(base, given.trim());
  if ("message" in exchanged) return { ok: false, message: exchanged.message };
  const { token } = exchanged;
  let response: Response;
  try {
    response = await fetch(`${base}/api/v1/kiosk/me`, {
      headers: { Authorization: `Bearer ${token.trim()}` },
      cache: "no-store",
    });
  } catch {
    return { ok: false, message: `No answer from ${base}. Is the tablet online?` };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok || !isMe(body))
    return { ok: false, message: errorMessage(body, response.status) };
  return {
    ok: true,
    enrolment: {
      serverUrl: base,
      token: token.trim(),
      kioskId: body.kioskId,
      siteId: body.siteId,
      name: body.name,
      enrolledAt: new Date().toISOString(),
    },
  };
}
