import { describe, expect, it } from "vitest";
import {
  digestKey,
  duePeriod,
  mondayOf,
  periodOf,
} from "../../sync-server/digest/digest-period.ts";
import { longDate } from "../../sync-server/digest/digest-words.ts";

const zone = "Europe/Copenhagen";
// 2026-11-23 is a Monday; November in Copenhagen is UTC+01:00.
const at = (local: string) => new Date(`${local}+01:00`);

describe("digest periods", () => {
  it("a daily digest is about yesterday, due from the digest hour on", () => {
    expect(duePeriod("daily", at("2026-11-25T06:59:00"), zone, 7)).toBeUndefined();
    expect(duePeriod("daily", at("2026-11-25T07:00:00"), zone, 7)).toEqual({
      frequency: "daily",
      from: "2026-11-24",
      to: "2026-11-24",
    });
  });

  it("a weekly digest is due on Mondays only, about last Monday to Sunday", () => {
    expect(duePeriod("weekly", at("2026-11-25T09:00:00"), zone, 7)).toBeUndefined();
    expect(duePeriod("weekly", at("2026-11-23T09:00:00"), zone, 7)).toEqual({
      frequency: "weekly",
      from: "2026-11-16",
      to: "2026-11-22",
    });
    // The local date decides: 23:30 UTC on Sunday is already Monday in Copenhagen.
    expect(duePeriod("weekly", new Date("2026-11-22T23:30:00Z"), zone, 0)?.from).toBe("2026-11-16");
  });

  it("keys a digest by user, frequency and period start, so each is sent once", () => {
    expect(mondayOf("2026-11-29")).toBe("2026-11-23");
    expect(periodOf("weekly", "2026-11-26")).toEqual(periodOf("weekly", "2026-11-23"));
    const user = "0190a000-0000-7000-8000-000000000001";
    expect(digestKey(user, periodOf("weekly", "2026-11-26"))).toBe(
      digestKey(user, periodOf("weekly", "2026-11-29")),
    );
    expect(digestKey(user, periodOf("daily", "2026-11-26"))).not.toBe(
      digestKey(user, periodOf("daily", "2026-11-27")),
    );
  });
});

describe("dates in a digest", () => {
  it("are written as the reader writes them", () => {
    expect(longDate("2026-12-01", "da")).toBe("1. december 2026");
    expect(longDate("2026-12-01", "en")).toBe("1 December 2026");
  });
});
