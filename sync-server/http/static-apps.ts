import fs from "node:fs";
import path from "node:path";
import express, { type Router } from "express";

/**
 * Serves a built single-page app (Vite output) under its base path. Hashed assets are cached
 * for a year; index.html, the service worker and the manifest must be revalidated every time,
 * or a kiosk would never see a new version.
 */
export function staticApp(distDir: string, title: string): Router {
  const router = express.Router();
  const indexFile = path.join(distDir, "index.html");
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
