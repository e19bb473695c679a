import { describe, expect, it } from "vitest";
import { backupFileName, backupMatcher } from "../../sync-server/backup/backup-schedule.ts";

/** graphile-worker's cron digest of an instant (UTC fields, no year). */
function digest(at: Date) {
  return {
    min: at.getUTCMinutes(),
    hour: at.getUTCHours(),
    date: at.getUTCDate(),
    month: at.getUTCMonth() + 1,
    dow: at.getUTCDay(),
  };
}

/** Every UTC minute of [from, to) the matcher picks. */
function matches(at: { hour: number; minute: number }, from: string, to: string): string[] {
  const start = Date.parse(from);
  const match = backupMatcher(at, "Europe/Copenhagen", () => new Date(start));
  const hits: string[] = [];
  for (let ms = start; ms < Date.parse(to); ms += 60_000)
    if (match(digest(new Date(ms)))) hits.push(new Date(ms).toISOString());
  return hits;
}

describe("the scheduled backup's cron matcher (BACKUP_AT is local time, cron is UTC)", () => {
  it("matches once a day at BACKUP_AT in the server's zone", () => {
    expect(
      matches({ hour: 2, minute: 30 }, "2026-11-20T00:00:00Z", "2026-11-22T00:00:00Z"),
    ).toEqual(["2026-11-20T01:30:00.000Z", "2026-11-21T01:30:00.000Z"]);
  });

  it("still runs on the spring day that has no 02:30 (at 03:00 summer time)", () => {
    expect(
      matches({ hour: 2, minute: 30 }, "2026-03-28T12:00:00Z", "2026-03-29T12:00:00Z"),
    ).toEqual(["2026-03-29T01:00:00.000Z"]);
  });

  it("matches twice on the autumn day 02:30 comes twice (the job's day check keeps one)", () => {
    expect(
      matches({ hour: 2, minute: 30 }, "2026-10-24T12:00:00Z", "2026-10-25T12:00:00Z"),
    ).toEqual(["2026-10-25T00:30:00.000Z", "2026-10-25T01:30:00.000Z"]);
  });

  it("matches midnight, and near New Year picks the right year", () => {
    expect(matches({ hour: 0, minute: 0 }, "2026-12-31T12:00:00Z", "2027-01-01T12:00:00Z")).toEqual(
      ["2026-12-31T23:00:00.000Z"],
    );
  });

  it("names files by their UTC instant", () => {
    expect(backupFileName(new Date("2026-11-20T02:30:00Z"))).toBe(
      "borgerpuls-20261120-023000.backup",
    );
  });
});
