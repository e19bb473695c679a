import { describe, expect, it } from "vitest";
import { describeResult, parseCommand, UsageError } from "../../sync-server/admin/cli.ts";

describe("admin command line", () => {
  it("parses a verb with repeated --site and --json", () => {
    expect(
      parseCommand([
        "user",
        "add",
        "--email",
        "a@b.dk",
        "--role",
        "chief",
        "--site",
        "s1",
        "--site",
        "s2",
        "--json",
      ]),
    ).toEqual({
      verb: "user add",
      positionals: [],
      options: { email: "a@b.dk", role: "chief", site: ["s1", "s2"], json: true },
    });
    expect(parseCommand(["kiosk", "revoke", "k1"]).positionals).toEqual(["k1"]);
  });

  it("refuses unknown flags and a missing verb with a usage error", () => {
    expect(() => parseCommand(["site", "add", "--nmae", "x"])).toThrow(UsageError);
    expect(() => parseCommand(["site"])).toThrow(/Name a verb/);
  });

  it("describes results for people, warning that secrets show once", () => {
    expect(describeResult("kiosk add", { kioskId: "k", token: "t" })).toMatch(
      /kiosk add: done\n {2}kioskId: k\n {2}token: t\nThe secret above is shown only this once/,
    );
    expect(describeResult("site add", { siteId: "s" })).not.toMatch(/secret/);
  });
});
