import fs from "node:fs";
import path from "node:path";
import compression from "compression";
import express, { type Router } from "express";
import { precompressedEncodings, precompressedTypes } from "../../shared/precompressed.ts";

/**
 * Serves a built single-page app (Vite output) under its base path. Hashed assets are cached
 * for a year; index.html, the service worker and the manifest must be revalidated every time,
 * or a kiosk would never see a new version.
 *
 * Compressed: an asset the build compressed ahead (x.js.br, x.js.gz: kiosk/vite-precompress.ts)
 * is sent as is, in the best encoding the browser accepts; everything else is compressed on the
 * fly. Either way the response says `Vary: Accept-Encoding`, so a cache never hands brotli to a
 * browser that did not ask for it.
 */
const assetPath = /^\/assets\/[\w.-]+$/;

export function staticApp(distDir: string, title: string): Router {
  const router = express.Router();
  const indexFile = path.join(distDir, "index.html");

  router.use((req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    if (!assetPath.test(req.path) || !precompressedTypes.test(req.path)) return next();
    res.vary("Accept-Encoding");
    // Our order (smallest first), not the browser's: "gzip, deflate, br" still gets brotli.
    const form = precompressedEncodings.find(({ encoding }) => req.acceptsEncodings(encoding));
    if (!form || !fs.existsSync(path.join(distDir, `${req.path}${form.suffix}`))) return next();
    // express.static sends the compressed file; the type stays the original file's.
    res.type(path.extname(req.path));
    res.setHeader("Content-Encoding", form.encoding);
    req.url = `${req.path}${form.suffix}`;
    next();
  });
  // Already-encoded responses (above) pass through untouched.
  router.use(compression());
  router.use(
    express.static(distDir, {
      index: "index.html",
      redirect: true,
      setHeaders(res, filePath) {
        if (filePath.includes(`${path.sep}assets${path.sep}`)) {
          res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
        } else {
          res.setHeader("Cache-Control", "no-cache");
        }
      },
    }),
  );
  // Client-side routes (e.g. /dashboard/sites) get the app's page.
  router.get(/.*/, (req, res, next) => {
    if (path.extname(req.path)) return next();
    if (!fs.existsSync(indexFile)) {
      res
        .status(503)
        .type("text/plain; charset=utf-8")
        .send(`${title} is not built yet. \`npm start\` builds it; or run \`npm run build\`.`);
      return;
    }
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(indexFile);
  });
  return router;
}
