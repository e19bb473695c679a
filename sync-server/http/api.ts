import express, { type Router } from "express";
import { questionnaireVersion } from "../../shared/questionnaire.ts";
import { appVersion } from "../version.ts";

/** /api/v1: the JSON API. Each capability mounts its own router here. */
export function apiRoutes(): Router {
  const router = express.Router();
  router.get("/", (_req, res) => {
    res.json({
      name: "Borgerpuls",
      version: appVersion,
      api: "v1",
      questionnaire: questionnaireVersion,
    });
  });
  return router;
}
