import { newId } from "../../shared/ids.ts";
import { questionnaireVersion } from "../../shared/questionnaire.ts";
import { type Answers, isoWithOffset, type ResponsePayload } from "../../shared/response.ts";
import { addApiToken, addKiosk, addSite, addUser } from "../../sync-server/admin/verbs.ts";
import { inTransaction, type Pool } from "../../sync-server/db.ts";
import { toResponseRow } from "../../sync-server/ingest/response-row.ts";
import { storeResponses } from "../../sync-server/ingest/store-responses.ts";
import { testFingerprintKeys } from "./fingerprint-keys.ts";

/** A municipality with two sites, a kiosk at each, and tokens for a chief of site A and an analyst of both. */
export async function twoSiteFixture(pool: Pool, municipality = "Testkommune") {
  const siteA = await addSite(pool, { name: "Borgerservice Århus", municipality });
  const siteB = await addSite(pool, { name: "Biblioteket", municipality });
  const kioskA = await addKiosk(pool, { siteId: siteA.siteId, name: "Skranke A" });
  const kioskB = await addKiosk(pool, { siteId: siteB.siteId, name: "Skranke B" });
  const chiefA = await addApiToken(pool, { role: "chief", siteIds: [siteA.siteId], municipality });
  const analyst = await addApiToken(pool, { role: "analyst", siteIds: [], municipality });
  return { municipalityId: siteA.municipalityId, siteA, siteB, kioskA, kioskB, chiefA, analyst };
}

export { addUser };

/** A complete, valid interview that began at `startedAt` (Copenhagen time on the wire). */
export function interview(
  seq: number,
  startedAt: Date,
  answers: Answers,
  extra: Partial<ResponsePayload> = {},
): ResponsePayload {
  return {
    id: newId(startedAt.getTime()),
    seq,
    questionnaire: questionnaireVersion,
    locale: "da",
    status: "complete",
    startedAt: isoWithOffset(startedAt, "Europe/Copenhagen"),
    finishedAt: isoWithOffset(new Date(startedAt.getTime() + 20_000), "Europe/Copenhagen"),
    answers,
    flags: [],
    ...extra,
  };
}

/** Stores payloads for one kiosk through the same path sync uses. */
export async function storeInterviews(
  pool: Pool,
  kiosk: { municipalityId: string; siteId: string; kioskId: string },
  payloads: ResponsePayload[],
): Promise<void> {
  const rows = payloads.map((payload) => toResponseRow(payload, testFingerprintKeys));
  await inTransaction(pool, (client) =>
    storeResponses(client, kiosk, { receivedAt: new Date(), clockOffsetMs: 0 }, rows),
  );
}
