import { defaultOpeningHours, type OpeningHours } from "../../shared/opening-hours.ts";
import { addQuestion } from "../admin/local-questions.ts";
import { addKiosk, addSite, addUser } from "../admin/verbs.ts";
import type { Pool } from "../db.ts";
import { inTransaction } from "../db.ts";
import type { FingerprintKeys } from "../ingest/fingerprint.ts";
import { toResponseRow } from "../ingest/response-row.ts";
import { storeResponses } from "../ingest/store-responses.ts";
import { recordSync } from "../queries/kiosk-health.ts";
import { deleteMunicipality, findMunicipalityByName } from "../queries/municipalities.ts";
import type { Receipt, ResponseRow } from "../queries/responses.ts";
import { updateOpeningHours } from "../queries/sites.ts";
import { appVersion } from "../version.ts";
import { demoLocalQuestion } from "./local-question.ts";
import { seededRandom } from "./random.ts";
import { demoInterviews, shiftDate } from "./visits.ts";

export const demoMunicipality = "Horsens Kommune (demo)";
const timezone = "Europe/Copenhagen";
const batchSize = 500;

const libraryHours: OpeningHours = {
  mon: [["10:00", "17:00"]],
  tue: [["10:00", "17:00"]],
  wed: [["10:00", "17:00"]],
  thu: [["10:00", "17:00"]],
  fri: [["10:00", "15:00"]],
  sat: [["10:00", "13:00"]],
  sun: [],
};

export type DemoResult = {
  municipality: string;
  sites: { id: string; name: string }[];
  kiosks: { id: string; name: string; token: string }[];
  logins: { email: string; role: string; password: string; sites: string }[];
  responses: number;
  firstDate: string;
  lastDate: string;
};

export type DemoOptions = {
  days?: number;
  seed?: number;
  now?: Date;
  onProgress?: (done: number, total: number) => void;
};

/**
 * Replaces the demo municipality with a fresh one: two sites, three kiosks, a chief and an
 * analyst, and `days` days of interviews, written through the same set-based insert as sync.
 */
export async function seedDemo(
  pool: Pool,
  keys: FingerprintKeys,
  options: DemoOptions = {},
): Promise<DemoResult> {
  const days = options.days ?? 90;
  const now = options.now ?? new Date();
  const random = seededRandom(options.seed ?? 2015);
  const existing = await findMunicipalityByName(pool, demoMunicipality);
  if (existing) await inTransaction(pool, (client) => deleteMunicipality(client, existing.id));

  const town = await addSite(pool, {
    name: "Borgerservice Horsens",
    municipality: demoMunicipality,
    timezone,
  });
  const library = await addSite(pool, {
    name: "Biblioteket Langmarksvej",
    municipality: demoMunicipality,
    timezone,
  });
  await updateOpeningHours(
    pool,
    { municipalityId: library.municipalityId, id: library.siteId },
    libraryHours,
  );
  // Asked at every site, so the local breakdown page has data (issue 14's example).
  const errand = await addQuestion(pool, {
    municipalityId: town.municipalityId,
    code: demoLocalQuestion.code,
    siteId: null,
    draft: demoLocalQuestion.draft,
    actor: { kind: "system", label: "npm run demo" },
  });
  const kioskPlan = [
    { siteId: town.siteId, name: "Skranke ved udgangen", hours: defaultOpeningHours, perHour: 6 },
    { siteId: town.siteId, name: "Ventezonen", hours: defaultOpeningHours, perHour: 3.5 },
    { siteId: library.siteId, name: "Biblioteket, indgang", hours: libraryHours, perHour: 1.5 },
  ];
  const lastDate = new Intl.DateTimeFormat("sv-SE", { timeZone: timezone }).format(now);
  const firstDate = shiftDate(lastDate, -(days - 1));

  const kiosks: DemoResult["kiosks"] = [];
  const batches: {
    kiosk: { municipalityId: string; siteId: string; kioskId: string };
    receipt: Receipt;
    rows: ResponseRow[];
  }[] = [];
  for (const plan of kioskPlan) {
    const kiosk = await addKiosk(pool, { siteId: plan.siteId, name: plan.name });
    kiosks.push({ id: kiosk.kioskId, name: plan.name, token: kiosk.token });
    const interviews = demoInterviews(
      random,
      {
        timezone,
        openingHours: plan.hours,
        visitsPerOpenHour: plan.perHour,
        localVersionId: errand.id,
      },
      { firstDate, days, now },
    );
    for (let start = 0; start < interviews.length; start += batchSize) {
      const batch = interviews.slice(start, start + batchSize);
      const last = batch[batch.length - 1];
      batches.push({
        kiosk: { municipalityId: town.municipalityId, siteId: plan.siteId, kioskId: kiosk.kioskId },
        // Synced a little after its last interview, as a kiosk on a good network does.
        receipt: {
          receivedAt: new Date((last?.finishedAt ?? now).getTime() + random.int(200, 5000)),
          clockOffsetMs: random.int(-800, 800),
        },
        rows: batch.map(({ payload }) => toResponseRow(payload, keys)),
      });
    }
  }
  const total = batches.reduce((sum, batch) => sum + batch.rows.length, 0);
  let done = 0;
  for (const batch of batches) {
    await inTransaction(pool, async (client) => {
      const inserted = await storeResponses(client, batch.kiosk, batch.receipt, batch.rows);
      // The kiosk health a real sync would leave, so the dashboard's kiosk page has data.
      await recordSync(client, batch.kiosk, {
        at: batch.receipt.receivedAt,
        appVersion,
        clockOffsetMs: batch.receipt.clockOffsetMs,
        highestSeq: Math.max(...batch.rows.map((row) => row.seq)),
        insertedRows: batch.rows.filter((row) => inserted.includes(row.id)),
        inserted: inserted.length,
        accepted: inserted.length,
        duplicates: 0,
        rejected: 0,
      });
    });
    done += batch.rows.length;
    options.onProgress?.(done, total);
  }

  const chief = await addUser(pool, {
    email: "chef@horsens.demo",
    role: "chief",
    siteIds: [town.siteId],
  });
  const analyst = await addUser(pool, {
    email: "analytiker@horsens.demo",
    role: "analyst",
    siteIds: [town.siteId, library.siteId],
  });
  return {
    municipality: demoMunicipality,
    sites: [
      { id: town.siteId, name: "Borgerservice Horsens" },
      { id: library.siteId, name: "Biblioteket Langmarksvej" },
    ],
    kiosks,
    logins: [
      {
        email: chief.email,
        role: "chief",
        password: chief.password ?? "",
        sites: "Borgerservice Horsens",
      },
      {
        email: analyst.email,
        role: "analyst",
        password: analyst.password ?? "",
        sites: "both sites",
      },
    ],
    responses: total,
    firstDate,
    lastDate,
  };
}
