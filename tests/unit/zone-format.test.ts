import { afterEach, describe, expect, it, vi } from "vitest";
import { wallClock, zoneFormats } from "../../shared/zone-format.ts";

const clock = zoneFormats("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const summer = new Date("2026-07-15T09:00:00Z");

describe("zoneFormats", () => {
  it("keeps one formatter per zone, made with the zone and the options given", () => {
    const copenhagen = clock("Europe/Copenhagen");
    expect(clock("Europe/Copenhagen")).toBe(copenhagen);
    expect(copenhagen.resolvedOptions()).toMatchObject({
      timeZone: "Europe/Copenhagen",
      hourCycle: "h23",
    });
    expect(copenhagen.format(summer)).toBe("11:00");
  });

  it("gives different zones different formatters", () => {
    expect(clock("UTC")).not.toBe(clock("Europe/Copenhagen"));
    expect(clock("UTC").format(summer)).toBe("09:00");
  });

  it("keeps each getter's options apart", () => {
    const weekday = zoneFormats("en-GB", { weekday: "long" });
    expect(weekday("UTC")).not.toBe(clock("UTC"));
    expect(weekday("UTC").format(summer)).toBe("Wednesday");
  });

  it.each(["__proto__", "constructor", "toString", "hasOwnProperty", "Not/A_Zone"])(
    "throws Intl's RangeError for %j, every time, and caches nothing",
    (zone) => {
      clock("UTC");
      expect(() => clock(zone)).toThrow(RangeError);
      expect(() => clock(zone)).toThrow(RangeError);
    },
  );
});

describe("wallClock", () => {
  it("reads midnight as hour 00, in Latin digits, to the second", () => {
    const parts = wallClock("Europe/Copenhagen").formatToParts(new Date("2026-01-14T23:00:05Z"));
    const part = (type: string) => parts.find((p) => p.type === type)?.value;
    expect(["year", "month", "day", "hour", "minute", "second"].map(part)).toEqual([
      "2026",
      "01",
      "15",
      "00",
      "00",
      "05",
    ]);
  });
});

describe("deviceTimeZone", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it("is the platform's zone, read once", async () => {
    vi.resetModules();
    const { deviceTimeZone } = await import("../../shared/zone-format.ts");
    const expected = new Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
    let made = 0;
    class Counting extends Intl.DateTimeFormat {
      constructor(...args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
        super(...args);
        made += 1;
      }
    }
    vi.stubGlobal("Intl", Object.assign(Object.create(Intl), { DateTimeFormat: Counting }));
    expect(deviceTimeZone()).toBe(expected);
    expect(deviceTimeZone()).toBe(expected);
    expect(made).toBe(1);
  });
});
