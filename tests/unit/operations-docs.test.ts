import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { configVariables as settingNames } from "../../sync-server/config.ts";

const readme = fs.readFileSync(new URL("../../README.md", import.meta.url), "utf8");

describe("operations documentation and conventions", () => {
  it("the README's configuration table names every setting config.ts reads", () => {
    const table = readme.slice(readme.indexOf("## Configuration"), readme.indexOf("## Operations"));
    for (const name of settingNames) expect(table, name).toContain(`\`${name}\``);
  });

  it("the README describes what the server does now: backups on the queue, TRUST_PROXY", () => {
    expect(readme).not.toMatch(/no job queue yet/);
    expect(readme).not.toMatch(/own timer/);
    const https = readme.slice(readme.indexOf("### HTTPS"), readme.indexOf("### Upgrades"));
    // Since issue 13 no proxy is trusted unless TRUST_PROXY names it.
    expect(https).not.toMatch(/trusts\s+`X-Forwarded-\*` from loopback and private/);
    expect(https).toMatch(/TRUST_PROXY=loopback/);
    expect(https).toMatch(/TRUST_PROXY=10\.20\.0\.5/);
  });

  it("the README's first screen shows the two commands for root in a 0700 home", () => {
    const firstScreen = readme.split("\n").slice(0, 30).join("\n");
    expect(firstScreen).toMatch(/npm start/);
    expect(firstScreen).toMatch(/npm test/);
    expect(firstScreen).toMatch(/root in \/root \(mode 0700\)/);
    expect(readme).toMatch(/webkit2gtk-driver/);
    expect(readme).toMatch(/xvfb/);
  });
});
