import express, { type Router } from "express";
import { questionnaireVersion } from "../../shared/questionnaire.ts";
import type { Pool } from "../db.ts";
import { appVersion } from "../version.ts";
import { kioskRoutes } from "./kiosk-routes.ts";

/** /api/v1: the JSON API. Each capability mounts its own router here. */
export function apiRoutes(pool: Pool): Router {
  const router = express.Router();
  router.get("/", (_req, res) => {
    res.json({
      name: "Borgerpuls",
      version: appVersion,
      api: "v1",
      questionnaire: questionnaireVersion,
    });
  });
  router.use("/kiosk", kioskRoutes(pool));
  return router;
}
