import { X509Certificate } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { TLSSocket } from "node:tls";
import { generate } from "selfsigned";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../sync-server/config.ts";
import { createLogger } from "../../sync-server/logger.ts";
import { type RunningServer, startServer } from "../../sync-server/server.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "borgerpuls-tls-"));
const certFile = path.join(dir, "cert.pem");
const keyFile = path.join(dir, "key.pem");
let db: TestDatabase;
let server: RunningServer;

async function newPair(commonName: string) {
  const pems = await generate([{ name: "commonName", value: commonName }], {
    keySize: 2048,
    algorithm: "sha256",
  });
  return {
    cert: pems.cert,
    key: pems.private,
    fingerprint: new X509Certificate(pems.cert).fingerprint256,
  };
}

/** The certificate the server presents right now, and the body of GET path. */
function getOverTls(url: string): Promise<{ fingerprint: string; status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = https.get(url, { rejectUnauthorized: false, agent: false }, (res) => {
      const socket = res.socket;
      if (!(socket instanceof TLSSocket)) return reject(new Error("not a TLS connection"));
      const fingerprint = socket.getPeerCertificate().fingerprint256;
      let body = "";
      res.on("data", (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on("end", () => resolve({ fingerprint, status: res.statusCode ?? 0, body }));
    });
    request.on("error", reject);
  });
}

function plainRequest(url: string, method = "GET") {
  return new Promise<{ status: number; location: string | undefined }>((resolve, reject) => {
    const request = http.request(url, { method, agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, location: res.headers.location }));
    });
    request.on("error", reject);
    request.end(method === "POST" ? "{}" : undefined);
  });
}

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

let first: Awaited<ReturnType<typeof newPair>>;

beforeAll(async () => {
  db = await createTestDatabase();
  first = await newPair("localhost");
  fs.writeFileSync(certFile, first.cert);
  fs.writeFileSync(keyFile, first.key);
  const config = loadConfig({
    DATABASE_URL: db.url,
    PORT: "0",
    HOST: "127.0.0.1",
    TLS_CERT_FILE: certFile,
    TLS_KEY_FILE: keyFile,
    HTTP_REDIRECT_PORT: "0",
  });
  server = await startServer(config, createLogger("silent"));
});

afterAll(async () => {
  await server?.close();
  await db?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("HTTPS without a reverse proxy", () => {
  it("serves the API over TLS with the configured certificate", async () => {
    expect(server.url).toMatch(/^https:\/\/localhost:\d+$/);
    const health = await getOverTls(`${server.url}/healthz`);
    expect(health.fingerprint).toBe(first.fingerprint);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: "ok" });
  });

  it("redirects plain HTTP to the HTTPS port, keeping path and method (308)", async () => {
    const httpsPort = new URL(server.url).port;
    const redirectUrl = server.redirectUrl ?? "";
    expect(redirectUrl).toMatch(/^http:\/\/localhost:\d+$/);
    const page = await plainRequest(`${redirectUrl.replace("localhost", "127.0.0.1")}/kiosk/?x=1`);
    expect(page).toEqual({ status: 308, location: `https://127.0.0.1:${httpsPort}/kiosk/?x=1` });
    const sync = await plainRequest(`${redirectUrl}/api/v1/sync`, "POST");
    expect(sync).toEqual({ status: 308, location: `https://localhost:${httpsPort}/api/v1/sync` });
  });

  it("puts a renewed certificate into service without a restart, waiting out a half-done renewal", async () => {
    const second = await newPair("localhost");
    fs.writeFileSync(certFile, second.cert);
    fs.writeFileSync(keyFile, second.key);
    await eventually(
      async () => (await getOverTls(`${server.url}/healthz`)).fingerprint === second.fingerprint,
      "the second certificate",
    );
    // Certificate first, key later (as a renewal that copies two files does).
    const third = await newPair("localhost");
    fs.writeFileSync(certFile, third.cert);
    const during = await getOverTls(`${server.url}/healthz`);
    expect(during.status).toBe(200);
    fs.writeFileSync(keyFile, third.key);
    await eventually(
      async () => (await getOverTls(`${server.url}/healthz`)).fingerprint === third.fingerprint,
      "the third certificate",
    );
  });

  it("refuses half a TLS configuration with a clear sentence", () => {
    expect(() => loadConfig({ TLS_CERT_FILE: certFile })).toThrow(/go together/);
    expect(() => loadConfig({ HTTP_REDIRECT_PORT: "80" })).toThrow(/needs TLS_CERT_FILE/);
  });
});
