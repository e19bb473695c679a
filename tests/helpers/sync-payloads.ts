import { newId } from "../../shared/ids.ts";
import { questionnaireVersion } from "../../shared/questionnaire.ts";
import { isoWithOffset, type ResponsePayload } from "../../shared/response.ts";

/** A complete, valid response as a kiosk sends it, begun atMs (default now) in Copenhagen. */
export function samplePayload(
  seq: number,
  overrides: Partial<ResponsePayload> = {},
  atMs = Date.now() - 60_000,
): ResponsePayload {
  const started = new Date(atMs);
  return {
    id: newId(atMs),
    seq,
    questionnaire: questionnaireVersion,
    locale: "da",
    status: "complete",
    startedAt: isoWithOffset(started, "Europe/Copenhagen"),
    finishedAt: isoWithOffset(new Date(atMs + 20_000), "Europe/Copenhagen"),
    answers: {
      got_help: "yes",
      sent_on: "no",
      guidance: "very_good",
      seen_heard: "yes",
      improve: "could_be_better",
      improve_reasons: ["shorter_wait"],
      improve_text: "Kortere kø, tak.",
    },
    flags: [],
    ...overrides,
  };
}

export type SyncBody = { sentAt: string; responses: unknown[]; kioskId?: string };

export function syncBody(responses: unknown[], extra: Partial<SyncBody> = {}): SyncBody {
  return { sentAt: isoWithOffset(new Date(), "Europe/Copenhagen"), responses, ...extra };
}

export async function postSync(
  baseUrl: string,
  token: string | undefined,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl}/api/v1/sync`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
