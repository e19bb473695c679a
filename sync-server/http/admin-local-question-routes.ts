import express, { type Router } from "express";
import { AppError } from "../../shared/errors.ts";
import {
  addQuestion,
  changeQuestion,
  draftFromBody,
  listQuestions,
  retireQuestion,
} from "../admin/local-questions.ts";
import type { SettingsActor } from "../admin/site-settings.ts";
import type { Pool } from "../db.ts";
import { type Viewer, viewerOf } from "./viewer-auth.ts";

function actorOf(viewer: Viewer): SettingsActor {
  return viewer.userId
    ? { kind: "user", id: viewer.userId }
    : { kind: "token", id: viewer.tokenId ?? null };
}

function asObject(body: unknown): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new AppError("invalid_local_question", "Send a JSON object.");
  return body as Record<string, unknown>;
}

/**
 * /api/v1/admin/local-questions: the municipality's local questions (docs/api.md), through the
 * same verbs as the CLI. Mounted inside adminRoutes, so admin-only with CSRF.
 */
export function adminLocalQuestionRoutes(pool: Pool): Router {
  const router = express.Router();

  router.get("/", async (_req, res) => {
    res
      .set("Cache-Control", "no-store")
      .json({ questions: await listQuestions(pool, viewerOf(res).municipalityId) });
  });

  // {"code", "siteId"?, "text", "answers"}
  router.post("/", async (req, res) => {
    const { code, siteId, ...draft } = asObject(req.body);
    if (siteId !== undefined && siteId !== null && typeof siteId !== "string")
      throw new AppError("invalid_local_question", "siteId: a site's id, or null for every site.");
    const viewer = viewerOf(res);
    const added = await addQuestion(pool, {
      municipalityId: viewer.municipalityId,
      code: typeof code === "string" ? code : "",
      siteId: siteId ?? null,
      draft: draftFromBody(draft),
      actor: actorOf(viewer),
    });
    res.status(201).json(added);
  });

  // {"text", "answers"}: a new version.
  router.put("/:id", async (req, res) => {
    const viewer = viewerOf(res);
    res.json(
      await changeQuestion(pool, {
        municipalityId: viewer.municipalityId,
        questionId: String(req.params.id),
        draft: draftFromBody(req.body),
        actor: actorOf(viewer),
      }),
    );
  });

  router.post("/:id/retire", async (req, res) => {
    const viewer = viewerOf(res);
    res.json(
      await retireQuestion(pool, {
        municipalityId: viewer.municipalityId,
        questionId: String(req.params.id),
        actor: actorOf(viewer),
      }),
    );
  });

  return router;
}
