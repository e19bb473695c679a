import fs from "node:fs";
import http, { type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staticApp } from "../../sync-server/http/static-apps.ts";

let dir: string;
let server: Server;
let base: string;
const script = `export const kiosk = "${"borgerpuls ".repeat(400)}";\n`;

/** Raw HTTP: fetch would decode the body and hide what was sent. */
function get(url: string, acceptEncoding?: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
    (resolve, reject) => {
      const request = http.get(
        url,
        { headers: acceptEncoding === undefined ? {} : { "Accept-Encoding": acceptEncoding } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks),
            }),
          );
          response.on("error", reject);
        },
      );
      request.on("error", reject);
    },
  );
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "static-apps-"));
  fs.mkdirSync(path.join(dir, "assets"));
  fs.writeFileSync(path.join(dir, "index.html"), `<!doctype html>${"<p>kiosk</p>".repeat(200)}`);
  fs.writeFileSync(path.join(dir, "assets", "index-abc.js"), script);
  fs.writeFileSync(path.join(dir, "assets", "index-abc.js.br"), brotliCompressSync(script));
  fs.writeFileSync(path.join(dir, "assets", "index-abc.js.gz"), gzipSync(script));
  // Built without its precompressed forms: compressed on the fly instead.
  fs.writeFileSync(path.join(dir, "assets", "plain-def.css"), `a{color:red}\n`.repeat(200));
  const app = express();
  app.use("/kiosk", staticApp(dir, "The kiosk"));
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/kiosk`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the front ends' static files, compressed", () => {
  it("sends the build's brotli file to a browser that takes brotli, typed as JavaScript, cached a year", async () => {
    const response = await get(`${base}/assets/index-abc.js`, "gzip, deflate, br");
    expect(response.status).toBe(200);
    expect(response.headers["content-encoding"]).toBe("br");
    expect(response.headers["content-type"]).toMatch(/^text\/javascript|^application\/javascript/);
    expect(response.headers.vary).toMatch(/Accept-Encoding/i);
    expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(brotliDecompressSync(response.body).toString()).toBe(script);
    expect(response.body.length).toBeLessThan(script.length / 10);
  });

  it("sends gzip to a browser without brotli, and the plain file to one that takes neither", async () => {
    const gzip = await get(`${base}/assets/index-abc.js`, "gzip");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.body).toString()).toBe(script);
    const plain = await get(`${base}/assets/index-abc.js`);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
    expect(plain.body.toString()).toBe(script);
  });

  it("compresses the rest on the fly: index.html (revalidated) and an asset built without .br/.gz", async () => {
    const page = await get(`${base}/`, "gzip");
    expect(page.headers["content-encoding"]).toBe("gzip");
    expect(page.headers.vary).toMatch(/Accept-Encoding/i);
    expect(page.headers["cache-control"]).toBe("no-cache");
    expect(gunzipSync(page.body).toString()).toMatch(/^<!doctype html>/);
    const css = await get(`${base}/assets/plain-def.css`, "br");
    expect(css.headers["content-encoding"]).toBe("br");
    expect(css.headers["content-type"]).toMatch(/^text\/css/);
    expect(brotliDecompressSync(css.body).toString()).toMatch(/^a\{color:red\}/);
  });

  it("a missing asset is still a 404, whatever encoding is asked for", async () => {
    expect((await get(`${base}/assets/nope-123.js`, "br")).status).toBe(404);
  });
});
