import express, { type Router } from "express";
import type { Pool } from "../db.ts";
import { kioskOf, requireKiosk } from "./kiosk-auth.ts";

/** /api/v1/kiosk: what an enrolled kiosk may ask about itself. */
export function kioskRoutes(pool: Pool): Router {
  const router = express.Router();
  router.use(requireKiosk(pool));
  // Enrolment check: proves the token works and tells the tablet who it is and the server time.
  router.get("/me", (_req, res) => {
    const kiosk = kioskOf(res);
    res.set("Cache-Control", "no-store").json({
      kioskId: kiosk.id,
      siteId: kiosk.siteId,
      name: kiosk.name,
      serverTime: new Date().toISOString(),
    });
  });
  return router;
}
