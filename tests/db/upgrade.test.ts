import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kioskVersionHeader } from "../../shared/contracts.ts";
import { addApiToken, addKiosk, addSite } from "../../sync-server/admin/verbs.ts";
import { restoreBackup } from "../../sync-server/backup/restore-backup.ts";
import { writeBackup } from "../../sync-server/backup/write-backup.ts";
import { createLogger } from "../../sync-server/logger.ts";
import { listMigrations, migrate } from "../../sync-server/migrate.ts";
import { schemaVersion } from "../../sync-server/queries/catalog.ts";
import { rebuildRollups } from "../../sync-server/queries/rollups.ts";
import { studyDates, studySites } from "../fixtures/study-interviews.ts";
import { insertBulkResponses } from "../helpers/bulk-responses.ts";
import { createEmptyDatabase, type TestDatabase } from "../helpers/database.ts";
import { rollupMismatches } from "../helpers/rollup-consistency.ts";
import { postSync } from "../helpers/sync-payloads.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

/**
 * Upgrades keep data and old kiosks (issue 15). The previous release (b48d427, the last commit
 * of the wave before the audit log) is frozen in tests/fixtures/previous-release: its
 * migrations as it shipped them, and a sync request as its kiosk app sends it. No git history
 * is needed at test time, so a shallow clone runs this too.
 */
const fixtureDir = fileURLToPath(new URL("../fixtures/previous-release/", import.meta.url));
const previousMigrations = path.join(fixtureDir, "migrations");
const oldKioskSync = JSON.parse(
  fs.readFileSync(path.join(fixtureDir, "kiosk-sync.json"), "utf8"),
) as { kioskVersion: string; body: { sentAt: string; responses: { id: string }[] } };

const logger = createLogger("silent");
const databases: TestDatabase[] = [];
let db: TestDatabase;
let server: TestServer;
let authorization = "";
const kioskTokens: string[] = [];

/** The tables a report or an export reads from, as the previous release had them. */
const storedTables = ["responses", "rollup_site_daily", "rollup_hourly", "rollup_kiosk_daily"];

/** The previous release's columns of each stored table (new columns may come with upgrades). */
async function previousColumns(target: TestDatabase): Promise<Map<string, string[]>> {
  const result = await target.pool.query<{ table_name: string; columns: string[] }>(
    `select table_name, array_agg(column_name::text order by column_name) as columns
     from information_schema.columns
     where table_schema = 'public' and table_name = any($1::text[])
     group by table_name`,
    [storedTables],
  );
  return new Map(result.rows.map((row) => [row.table_name, row.columns]));
}

/** Every row of those tables, in those columns only (the receipt time aside). */
async function stored(target: TestDatabase, columns: Map<string, string[]>) {
  const snapshot: Record<string, unknown[]> = {};
  for (const [table, names] of columns) {
    const list = names
      .filter((name) => name !== "received_at")
      .map((name) => pg.escapeIdentifier(name))
      .join(", ");
    const rows = await target.pool.query(
      `select to_jsonb(t) as row from (select ${list} from ${pg.escapeIdentifier(table)}) t
       order by to_jsonb(t)::text`,
    );
    snapshot[table] = rows.rows.map((row) => row.row);
  }
  return snapshot;
}

async function report(through: TestServer) {
  const response = await fetch(
    `${through.baseUrl}/api/v1/report?from=${studyDates.from}&to=2026-12-31`,
    { headers: { authorization } },
  );
  expect(response.status).toBe(200);
  return response.json();
}

beforeAll(async () => {
  db = await createEmptyDatabase();
  databases.push(db);
  // The database as the previous release built it …
  await migrate(db.pool, logger, previousMigrations);
  server = await startTestServer(db.pool);
  for (const name of studySites) {
    const site = await addSite(db.pool, { name, municipality: "Studiet 2015" });
    kioskTokens.push((await addKiosk(db.pool, { siteId: site.siteId })).token);
  }
  // … and filled with rows as it wrote them: this release's ingest writes columns the
  // previous schema lacks (0007), so the rows go in through the previous schema's columns only.
  const kiosks = await db.pool.query<{ municipality_id: string; site_id: string; id: string }>(
    "select municipality_id, site_id, id from kiosks order by id",
  );
  for (const kiosk of kiosks.rows) {
    await insertBulkResponses(
      db.pool,
      { municipalityId: kiosk.municipality_id, siteId: kiosk.site_id, kioskId: kiosk.id },
      28,
      // Unkeyed: the previous schema has no content_key (this release re-keys them, 0011).
      { lastDate: "2026-11-20", days: 60, keyed: false },
    );
  }
  // The previous schema has questionnaire 1's columns only.
  await rebuildRollups(db.pool, 1);
});

afterAll(async () => {
  await server?.close();
  for (const database of databases) await database.drop();
});

describe("upgrading from the previous release", () => {
  it("keeps its migrations as they shipped (a released migration is never edited)", () => {
    const current = new Map(listMigrations().map((m) => [path.basename(m.file), m.file]));
    for (const file of fs.readdirSync(previousMigrations)) {
      const shipped = fs.readFileSync(path.join(previousMigrations, file), "utf8");
      const now = current.get(file);
      expect(now, `${file} is missing`).toBeDefined();
      expect(fs.readFileSync(now ?? "", "utf8"), file).toBe(shipped);
    }
  });

  it("migrates to this release with every response and figure unchanged", async () => {
    // The current server cannot read the previous schema, so "unchanged" is shown in two steps:
    // every stored row (responses and rollups, in the previous release's columns) is the same
    // after migrating, and the figures the report computes from the migrated rollups equal the
    // ones it computes after rebuilding the rollups from the unchanged raw rows.
    const columns = await previousColumns(db);
    expect([...columns.keys()].sort()).toEqual([...storedTables].sort());
    const before = await stored(db, columns);
    expect(before.responses?.length).toBe(84);
    const applied = await migrate(db.pool, logger);
    expect(applied.length).toBeGreaterThan(0);
    expect(await schemaVersion(db.pool)).toBe(listMigrations().at(-1)?.version);
    expect(await stored(db, columns)).toEqual(before);
    expect(await rollupMismatches(db.pool)).toEqual([]);
    authorization = `Bearer ${(await addApiToken(db.pool, { role: "analyst", siteIds: [] })).token}`;
    const migrated = await report(server);
    expect(migrated.responses).toBe(84);
    await rebuildRollups(db.pool);
    expect(await report(server)).toEqual(migrated);
  });

  it("keeps taking the previous kiosk app's sync requests, as they are sent", async () => {
    const reply = await postSync(server.baseUrl, kioskTokens[0], oldKioskSync.body, {
      [kioskVersionHeader]: oldKioskSync.kioskVersion,
    });
    expect(reply.status).toBe(200);
    expect(reply.body.accepted).toEqual(oldKioskSync.body.responses.map((r) => r.id));
    expect(reply.body.rejected).toEqual([]);
    // Sent again (a lost reply): duplicates, nothing stored twice.
    const again = await postSync(server.baseUrl, kioskTokens[0], oldKioskSync.body, {
      [kioskVersionHeader]: oldKioskSync.kioskVersion,
    });
    expect(again.body.duplicates).toEqual(oldKioskSync.body.responses.map((r) => r.id));
    expect(await rollupMismatches(db.pool)).toEqual([]);
  });

  it("restores a backup taken on the previous release's schema, then migrates it", async () => {
    const old = await createEmptyDatabase();
    databases.push(old);
    await migrate(old.pool, logger, previousMigrations);
    await addSite(old.pool, { name: "Horsens", municipality: "Studiet 2015" });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "borgerpuls-old-")), "old.backup");
    try {
      const taken = await writeBackup(old.pool, file);
      expect(taken.schemaVersion).toBe(5);
      const target = await createEmptyDatabase();
      databases.push(target);
      const result = await restoreBackup(target.pool, file, logger);
      expect(result.schemaVersion).toBe(5);
      expect(result.migratedTo).toBe(listMigrations().at(-1)?.version);
      const sites = await target.pool.query("select name from sites");
      expect(sites.rows).toEqual([{ name: "Horsens" }]);
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });
});
