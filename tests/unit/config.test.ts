import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../sync-server/config.ts";

describe("loadConfig", () => {
  it("has defaults for everything: embedded database in .data, port 8080", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: undefined,
      logLevel: "info",
      dbPoolSize: 10,
    });
    expect(config.dataDir).toBe(path.resolve(".data"));
  });

  it("reads the environment and treats empty values as unset", () => {
    const config = loadConfig({
      PORT: "9000",
      DATABASE_URL: "postgres://u:p@db/x",
      LOG_LEVEL: "debug",
      DATA_DIR: "",
    });
    expect(config).toMatchObject({
      port: 9000,
      databaseUrl: "postgres://u:p@db/x",
      logLevel: "debug",
    });
    expect(config.dataDir).toBe(path.resolve(".data"));
  });

  it("reads the read replica's URL and lag limit, and has none by default", () => {
    expect(loadConfig({}).readReplica).toBeUndefined();
    expect(loadConfig({ READ_DATABASE_URL: "postgres://u:p@replica/x" }).readReplica).toEqual({
      url: "postgres://u:p@replica/x",
      maxLagSeconds: 30,
    });
    expect(
      loadConfig({ READ_DATABASE_URL: "postgresql://r/x", READ_REPLICA_MAX_LAG_SECONDS: "5" })
        .readReplica?.maxLagSeconds,
    ).toBe(5);
    expect(() => loadConfig({ READ_DATABASE_URL: "mysql://r/x" })).toThrow(
      /READ_DATABASE_URL="mysql:\/\/r\/x": must be a postgres/,
    );
  });

  it("names every bad value with its reason", () => {
    expect(() =>
      loadConfig({ PORT: "eighty", LOG_LEVEL: "loud", DATABASE_URL: "mysql://x" }),
    ).toThrow(ConfigError);
    try {
      loadConfig({ PORT: "70000", LOG_LEVEL: "loud", DATABASE_URL: "mysql://x" });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/PORT="70000"/);
      expect(message).toMatch(/LOG_LEVEL="loud"/);
      expect(message).toMatch(/DATABASE_URL="mysql:\/\/x": must be a postgres/);
    }
  });

  it("trusts no proxy by default, and takes a hop count or the proxy's addresses", () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "1" }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: "10.0.0.5, 10.1.0.0/16,loopback" }).trustProxy).toEqual([
      "10.0.0.5",
      "10.1.0.0/16",
      "loopback",
    ]);
    expect(() => loadConfig({ TRUST_PROXY: "true" })).toThrow(/TRUST_PROXY="true"/);
    expect(() => loadConfig({ TRUST_PROXY: "10.0.0.0/33" })).toThrow(ConfigError);
  });

  it("has safe defaults for hashing, HTTP timeouts and the connection cap", () => {
    expect(loadConfig({})).toMatchObject({
      passwordHashing: { concurrency: 2, queue: 8 },
      metricsToken: undefined,
      http: {
        headersTimeoutMs: 20_000,
        requestTimeoutMs: 120_000,
        keepAliveTimeoutMs: 65_000,
        maxConnections: 1000,
      },
      enrolCodeTtlMinutes: 60,
    });
    expect(() => loadConfig({ METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN/);
  });

  it("takes the SAML SP's certificate and key together or not at all", () => {
    expect(loadConfig({}).samlSpKeyFiles).toBeUndefined();
    expect(
      loadConfig({ SAML_SP_CERT_FILE: "sp.crt", SAML_SP_KEY_FILE: "sp.key" }).samlSpKeyFiles,
    ).toEqual({
      certFile: path.resolve("sp.crt"),
      keyFile: path.resolve("sp.key"),
    });
    expect(() => loadConfig({ SAML_SP_CERT_FILE: "sp.crt" })).toThrow(/SAML_SP_KEY_FILE/);
  });
});

describe("the documentation of settings and 503s", () => {
  it("lists every environment variable in README's configuration table", async () => {
    const { configVariables } = await import("../../sync-server/config.ts");
    const readme = (await import("node:fs")).readFileSync("README.md", "utf8");
    const documented = [...readme.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((match) => match[1]);
    expect([...documented].sort()).toEqual([...configVariables].sort());
  });

  it("lists every 503 code of the catalogue in docs/api.md", async () => {
    const { errorCatalogue } = await import("../../shared/errors.ts");
    const api = (await import("node:fs")).readFileSync("docs/api.md", "utf8");
    for (const [code, { status }] of Object.entries(errorCatalogue))
      if (status === 503) expect(api).toContain(`| 503 | \`${code}\` |`);
  });
});

describe("loadSamlSpKey", () => {
  it("reads a certificate and its own key, and refuses a key of another certificate", async () => {
    const fs = await import("node:fs");
    const os = await import("node:os");
    const { loadSamlSpKey } = await import("../../sync-server/sso/saml/sp-key-files.ts");
    const { newKeyPair } = await import("../helpers/saml-idp.ts");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bp-sp-key-"));
    const [mine, other] = await Promise.all([newKeyPair("SP"), newKeyPair("Other")]);
    const write = (name: string, text: string) => {
      fs.writeFileSync(path.join(dir, name), text);
      return path.join(dir, name);
    };
    const certFile = write("sp.crt", mine?.cert ?? "");
    expect(await loadSamlSpKey({ certFile, keyFile: write("sp.key", mine?.key ?? "") })).toEqual(
      mine,
    );
    await expect(
      loadSamlSpKey({ certFile, keyFile: write("other.key", other?.key ?? "") }),
    ).rejects.toThrow(/its own private key/);
    await expect(
      loadSamlSpKey({ certFile, keyFile: path.join(dir, "missing.key") }),
    ).rejects.toThrow(/SAML_SP_KEY_FILE/);
    expect(await loadSamlSpKey(undefined)).toBeUndefined();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
