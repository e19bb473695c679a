import { afterEach, describe, expect, it } from "vitest";
import {
  deleteAuditEntriesBefore,
  insertAuditEntries,
  listAuditEntries,
} from "../../sync-server/queries/audit-log.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { twoSiteFixture } from "../helpers/fixtures.ts";

let db: TestDatabase | undefined;
afterEach(async () => {
  await db?.drop();
  db = undefined;
});

describe("audit log", () => {
  it("appends entries, lists one municipality's newest first, and refuses changes", async () => {
    db = await createTestDatabase();
    const fixture = await twoSiteFixture(db.pool);
    const other = await twoSiteFixture(db.pool, "Andenkommune");
    await insertAuditEntries(db.pool, [
      {
        municipalityId: fixture.municipalityId,
        actorKind: "cli",
        action: "kiosk.added",
        targetId: "k1",
      },
      {
        municipalityId: fixture.municipalityId,
        actorKind: "user",
        actorLabel: "chef@example.dk",
        action: "export.responses",
        details: { rows: 12, from: "2026-01-01" },
        ip: "127.0.0.1",
      },
      { municipalityId: other.municipalityId, actorKind: "system", action: "retention.ran" },
    ]);
    const rows = await listAuditEntries(db.pool, {
      municipalityId: fixture.municipalityId,
      limit: 10,
    });
    expect(rows.map((row) => row.action)).toEqual(["export.responses", "kiosk.added"]);
    expect(rows[0]?.details).toEqual({ rows: 12, from: "2026-01-01" });
    const exports = await listAuditEntries(db.pool, {
      municipalityId: fixture.municipalityId,
      actionPrefix: "export.",
      limit: 10,
    });
    expect(exports).toHaveLength(1);

    await expect(db.pool.query("update audit_log set action = 'login.succeeded'")).rejects.toThrow(
      /append-only/,
    );
    await expect(
      insertAuditEntries(db.pool, [
        { municipalityId: fixture.municipalityId, actorKind: "cli", action: "Not A Verb" },
      ]),
    ).rejects.toThrow(/check constraint/);

    const removed = await deleteAuditEntriesBefore(
      db.pool,
      fixture.municipalityId,
      new Date(Date.now() + 60_000),
    );
    expect(removed).toBe(2);
    expect(
      await listAuditEntries(db.pool, { municipalityId: other.municipalityId, limit: 10 }),
    ).toHaveLength(1);
  });
});
