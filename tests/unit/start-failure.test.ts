import fs from "node:fs";
import { describe, expect, it } from "vitest";
import {
  clusterDidNotStart,
  detailLogLevel,
  startFailureText,
  unreachableByPostgres,
} from "../../sync-server/start-failure.ts";

const readme = fs.readFileSync(new URL("../../README.md", import.meta.url), "utf8");

/** The first line is a single sentence: no sentence end before its final full stop. */
function expectOneSentence(line: string) {
  expect(line).toMatch(/^Borgerpuls could not start: \S.*\.$/);
  expect(line.slice(0, -1), line).not.toMatch(/[.!?](\s|$)/);
}

describe("what a newcomer reads when npm start cannot start PostgreSQL", () => {
  it("says first, in one sentence, what to do when the postgres user cannot reach a folder", () => {
    const error = Object.assign(new Error("EACCES: permission denied, mkdir '/root/x'"), {
      code: "EACCES",
    });
    const [first, detail, ...rest] = startFailureText(
      unreachableByPostgres("the database cluster's folder", "/root/x/clusters", error),
    ).split("\n");
    expectOneSentence(first ?? "");
    expect(first).toContain("EMBEDDED_PG_RUNTIME_DIR");
    expect(detail).toMatch(/^Detail: the postgres user cannot reach .* in \/root\/x\/clusters/);
    expect(detail).toContain("EACCES");
    expect(rest).toEqual([""]);
  });

  it("says first, in one sentence, how to see why PostgreSQL did not start", () => {
    const [first, detail] = startFailureText(
      clusterDidNotStart("/var/lib/borgerpuls/clusters/ab", new Error("postgres exited (1)")),
    ).split("\n");
    expectOneSentence(first ?? "");
    expect(first).toContain(`LOG_LEVEL=${detailLogLevel} npm start`);
    expect(detail).toMatch(/^Detail: .*clusters\/ab did not start: postgres exited \(1\)\.$/);
  });

  it("and the README names the same log level (PostgreSQL's own log is at trace)", () => {
    expect(detailLogLevel).toBe("trace");
    const firstScreen = readme.split("\n").slice(0, 30).join("\n");
    const named = [...firstScreen.matchAll(/LOG_LEVEL=(\w+)/g)].map((m) => m[1]);
    expect(named).toEqual([detailLogLevel]);
  });
});
