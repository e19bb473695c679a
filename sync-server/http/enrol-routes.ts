import express, { type Router } from "express";
import { z } from "zod";
import { AppError } from "../../shared/errors.ts";
import { redeemEnrolmentCode } from "../admin/enrolment-verbs.ts";
import type { Pool } from "../db.ts";
import { insertAuditEntries } from "../queries/audit-log.ts";

const enrolBody = z.object({ code: z.string().min(1).max(200) });

/**
 * /api/v1/enrol: a kiosk trades the one-time code from its enrolment link for its token. The
 * token travels only in this response body (never in a URL), and the code dies with the trade.
 */
export function enrolRoutes(pool: Pool): Router {
  const router = express.Router();
  router.use(express.json({ limit: "4kb" }));
  router.post("/", async (req, res) => {
    const parsed = enrolBody.safeParse(req.body ?? {});
    if (!parsed.success) throw new AppError("invalid_request", 'Send {"code": "bpe_…"}.');
    const enrolled = await redeemEnrolmentCode(pool, parsed.data.code);
    await insertAuditEntries(pool, [
      {
        municipalityId: enrolled.municipalityId,
        actorKind: "kiosk",
        actorId: enrolled.kioskId,
        action: "kiosk.enrolled",
        targetId: enrolled.kioskId,
        ip: req.ip ?? null,
      },
    ]);
    res
      .status(201)
      .set("Cache-Control", "no-store")
      .json({ token: enrolled.token, kioskId: enrolled.kioskId, siteId: enrolled.siteId });
  });
  return router;
}
