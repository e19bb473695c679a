import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../shared/ids.ts";
import { parseCommand, runCommand } from "../../sync-server/admin/cli.ts";
import { addKiosk, addSite } from "../../sync-server/admin/verbs.ts";
import { createLogger } from "../../sync-server/logger.ts";
import { listAuditEntries } from "../../sync-server/queries/audit-log.ts";
import { runRetention } from "../../sync-server/retention/run-retention.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { interview, storeInterviews } from "../helpers/fixtures.ts";

let db: TestDatabase;
type Place = { municipalityId: string; siteId: string; kioskId: string };
let keeper: Place; // defaults: text 365 days, responses 5 years
let brief: Place; // text 30 days, responses 1 year

const now = new Date();
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
/** The first of the month six years back: older than every limit, in a partition of its own. */
const sixYearsAgo = new Date(Date.UTC(now.getUTCFullYear() - 6, now.getUTCMonth(), 10, 9));

const text = { got_help: "yes", improve: "could_be_better", improve_text: "Tak" } as const;

async function place(municipality: string): Promise<Place> {
  const site = await addSite(db.pool, { name: "Borgerservice", municipality });
  const kiosk = await addKiosk(db.pool, { siteId: site.siteId, name: "A" });
  return { municipalityId: site.municipalityId, siteId: site.siteId, kioskId: kiosk.kioskId };
}

async function rowsOf(municipalityId: string) {
  const result = await db.pool.query<{ seq: number; text: string | null }>(
    `select seq, improve_text as text from responses where municipality_id = $1 order by seq`,
    [municipalityId],
  );
  return result.rows;
}

async function rollupTotals() {
  const result = await db.pool.query<{ municipality_id: string; responses: number }>(
    `select municipality_id, sum(responses)::int as responses from rollup_site_daily
     group by 1 order by 1`,
  );
  return result.rows;
}

beforeAll(async () => {
  db = await createTestDatabase();
  keeper = await place("Langkommune");
  brief = await place("Kortkommune");
  const six = sixYearsAgo.toISOString().slice(0, 10);
  await db.pool.query("select ensure_response_partitions($1::date, $1::date)", [six]);
  await runCommand(
    db.pool,
    parseCommand([
      "retention",
      "set",
      "--municipality",
      "Kortkommune",
      "--text-days",
      "30",
      "--response-years",
      "1",
    ]),
    cliContext,
  );
  for (const where of [keeper, brief]) {
    await storeInterviews(db.pool, where, [
      interview(1, daysAgo(10), text),
      interview(2, daysAgo(100), text),
      interview(3, daysAgo(400), text),
      interview(4, daysAgo(2 * 365 + 20), text),
      interview(5, sixYearsAgo, text),
    ]);
  }
});
afterAll(async () => {
  await db.drop();
});

// What the CLI gives a verb; these verbs ask for no password and print no progress.
const cliContext = {
  readPassword: async () => undefined,
  logger: createLogger("silent"),
  progress: () => {},
};

describe("retention", () => {
  it("clears text and removes responses per municipality, keeps the figures, and logs it", async () => {
    const figuresBefore = await rollupTotals();
    // Audit entries 800 and 10 days old: the first is past the default 730 days.
    const dayMs = 24 * 60 * 60 * 1000;
    await db.pool.query(
      `insert into audit_log (municipality_id, id, at, actor_kind, action, target_id)
       values ($1, $2, $3, 'cli', 'kiosk.created', 'old'), ($1, $4, $5, 'cli', 'kiosk.created', 'new')`,
      [
        keeper.municipalityId,
        newId(),
        new Date(now.getTime() - 800 * dayMs),
        newId(),
        new Date(now.getTime() - 10 * dayMs),
      ],
    );
    const outcome = await runRetention(db.pool, { now });
    expect(outcome.ran).toBe(true);
    if (!outcome.ran) return;

    // Langkommune: text older than 365 days cleared; only the 6-year-old response removed.
    expect(await rowsOf(keeper.municipalityId)).toEqual([
      { seq: 1, text: "Tak" },
      { seq: 2, text: "Tak" },
      { seq: 3, text: null },
      { seq: 4, text: null },
    ]);
    // Kortkommune: text older than 30 days cleared; responses older than a year removed.
    expect(await rowsOf(brief.municipalityId)).toEqual([
      { seq: 1, text: "Tak" },
      { seq: 2, text: null },
    ]);
    // The 6-year-old month went as a whole partition; the rest by rows.
    const month = sixYearsAgo.toISOString().slice(0, 7).replace("-", "");
    expect(outcome.partitionsDropped).toEqual([`responses_p${month}`]);
    const partition = await db.pool.query("select to_regclass($1) as p", [`responses_p${month}`]);
    expect(partition.rows[0]?.p).toBeNull();
    expect(outcome.responsesRemoved).toEqual({
      [keeper.municipalityId]: 1,
      [brief.municipalityId]: 3,
    });
    expect(outcome.textsCleared).toEqual({
      [keeper.municipalityId]: 2,
      [brief.municipalityId]: 1,
    });

    expect(await rollupTotals()).toEqual(figuresBefore);

    expect(outcome.auditEntriesRemoved).toEqual({ [keeper.municipalityId]: 1 });
    const kept = await db.pool.query(
      "select target_id from audit_log where municipality_id = $1 and action = 'kiosk.created'",
      [keeper.municipalityId],
    );
    expect(kept.rows).toEqual([{ target_id: "new" }]);

    const [entry] = await listAuditEntries(db.pool, {
      municipalityId: brief.municipalityId,
      actionPrefix: "retention.",
      limit: 10,
    });
    expect(entry).toMatchObject({
      actorKind: "system",
      action: "retention.applied",
      details: { textsCleared: 1, responsesRemoved: 3 },
    });
  });

  it("is idempotent: a second run changes nothing and logs nothing", async () => {
    const before = [await rowsOf(keeper.municipalityId), await rowsOf(brief.municipalityId)];
    const outcome = await runRetention(db.pool, { now });
    expect(outcome).toEqual({
      ran: true,
      textsCleared: {},
      responsesRemoved: {},
      auditEntriesRemoved: {},
      partitionsDropped: [],
    });
    expect([await rowsOf(keeper.municipalityId), await rowsOf(brief.municipalityId)]).toEqual(
      before,
    );
    const entries = await listAuditEntries(db.pool, {
      municipalityId: keeper.municipalityId,
      actionPrefix: "retention.",
      limit: 10,
    });
    expect(entries).toHaveLength(1);
  });

  it("runs once when several servers try at the same time (advisory lock)", async () => {
    const other = await db.pool.connect();
    try {
      await other.query("select pg_advisory_lock($1)", [0x52657465]);
      expect(await runRetention(db.pool, { now })).toEqual({ ran: false });
    } finally {
      await other.query("select pg_advisory_unlock($1)", [0x52657465]);
      other.release();
    }
    expect((await runRetention(db.pool, { now })).ran).toBe(true);
  });

  it("the admin verbs: set checks its limits, run applies retention now", async () => {
    const set = (flags: string[]) =>
      runCommand(
        db.pool,
        parseCommand(["retention", "set", "--municipality", "Langkommune", ...flags]),
        cliContext,
      );
    await expect(set(["--text-days", "0"])).rejects.toThrow(/1 to 36500/);
    await expect(set(["--response-years", "abc"])).rejects.toThrow(/whole number/);
    expect(await set(["--text-days", "5"])).toMatchObject({ textDays: 5, responseYears: 5 });
    const run = await runCommand(db.pool, parseCommand(["retention", "run"]), cliContext);
    expect(run).toMatchObject({ ran: true, textsCleared: { [keeper.municipalityId]: 2 } });
    const [entry] = await listAuditEntries(db.pool, {
      municipalityId: keeper.municipalityId,
      actionPrefix: "retention.",
      limit: 1,
    });
    expect(entry).toMatchObject({ actorKind: "cli" });
  });
});
