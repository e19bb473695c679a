import express, { type NextFunction, type Request, type Response, type Router } from "express";
import {
  clip,
  kioskVersionHeader,
  type SyncReply,
  syncRequestSchema,
} from "../../shared/contracts.ts";
import { AppError } from "../../shared/errors.ts";
import { syncedLocalQuestions } from "../admin/local-questions.ts";
import { syncedSettingsOf } from "../admin/site-settings.ts";
import { defaultSyncAdmission, type SyncAdmission } from "../config.ts";
import type { Pool } from "../db.ts";
import type { FingerprintKeys } from "../ingest/fingerprint.ts";
import { ingestBatch } from "../ingest/ingest-batch.ts";
import { missingSeqsOf } from "../ingest/missing-seqs.ts";
import { findSiteKioskSettings } from "../queries/sites.ts";
import { kioskOf, requireKiosk } from "./kiosk-auth.ts";
import { createMetrics, type Metrics } from "./metrics.ts";
import { createSyncAdmission } from "./sync-admission.ts";
import type { WriteHealth } from "./write-health.ts";

export type SyncLimits = { bodyLimitBytes: number; maxResponses: number };
export const defaultSyncLimits: SyncLimits = {
  bodyLimitBytes: 4 * 1024 * 1024,
  maxResponses: 1000,
};

/** The whole-request checks; each item is judged on its own later (shared/contracts.ts). */
function parseRequest(body: unknown, limits: SyncLimits) {
  if (body === undefined || body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new AppError(
      "invalid_request",
      'Send a JSON object {"sentAt": …, "responses": […]} with Content-Type: application/json.',
    );
  }
  const parsed = syncRequestSchema.safeParse(body);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0];
    throw new AppError(
      "invalid_request",
      field === "sentAt"
        ? "sentAt must be the device's current time, ISO 8601 with a UTC offset, e.g. 2026-11-23T10:15:02+01:00."
        : field === "responses"
          ? 'The body needs a "responses" array (it may be empty).'
          : `${String(field)}: ${parsed.error.issues[0]?.message ?? "not valid"}.`,
    );
  }
  if (parsed.data.responses.length > limits.maxResponses) {
    throw new AppError(
      "payload_too_large",
      `At most ${limits.maxResponses} responses per request; this one has ${parsed.data.responses.length}. Send them in smaller batches.`,
    );
  }
  return parsed.data;
}

/**
 * Syncs beyond the in-flight limit are answered 503 server_busy with their turn as Retry-After
 * (sync-admission.ts) before their bodies are read or a database connection is asked for.
 * Without this a Monday-morning burst parses a thousand 1,000-answer bodies into memory while
 * they all queue for ten connections (1.55 GB, p99 23 s).
 */
function admitSyncs(admission: SyncAdmission, metrics: Metrics) {
  const gate = createSyncAdmission(admission);
  const admitted = new WeakMap<Response, { bodyRead(): void }>();
  const admit = (_req: Request, res: Response, next: NextFunction): void => {
    const decision = gate.tryAdmit();
    if (!decision.admitted) {
      res.set("Retry-After", String(decision.retryAfterSeconds));
      throw new AppError(
        "server_busy",
        `The server is storing ${decision.inFlight} syncs already; send this one again in ${decision.retryAfterSeconds} s.`,
      );
    }
    admitted.set(res, decision);
    metrics.syncInFlight.inc();
    // 'close' comes once, after the reply is sent or when the client went away first.
    res.once("close", () => {
      decision.done();
      metrics.syncInFlight.dec();
    });
    next();
  };
  /** Runs once the body is parsed: from here on the time is the server's own work. */
  const bodyRead = (_req: Request, res: Response, next: NextFunction): void => {
    admitted.get(res)?.bodyRead();
    next();
  };
  return { admit, bodyRead };
}

/** POST /api/v1/sync: a kiosk hands over its outbox (docs/api.md). */
export function syncRoutes(
  pool: Pool,
  options: {
    /** The keys response fingerprints are made with (ingest/fingerprint.ts). */
    fingerprintKeys: FingerprintKeys;
    metrics?: Metrics;
    limits?: SyncLimits;
    admission?: SyncAdmission;
    writeHealth?: WriteHealth;
  },
): Router {
  const metrics = options.metrics ?? createMetrics();
  const limits = options.limits ?? defaultSyncLimits;
  const router = express.Router();
  const admission = admitSyncs(options.admission ?? defaultSyncAdmission, metrics);
  router.post(
    "/",
    admission.admit,
    // The token is checked before the body is read: no parsing work for strangers.
    requireKiosk(pool),
    express.json({ limit: limits.bodyLimitBytes }),
    admission.bodyRead,
    async (req, res) => {
      const kiosk = kioskOf(res);
      const body = parseRequest(req.body, limits);
      // Responses always land on the token's kiosk and site; naming another is refused.
      for (const [named, own, what] of [
        [body.kioskId, kiosk.id, "kiosk"],
        [body.siteId, kiosk.siteId, "site"],
      ] as const) {
        if (named !== undefined && named.toLowerCase() !== own) {
          throw new AppError(
            "forbidden",
            `This token belongs to ${what} ${own}; it cannot write responses for ${what} ${clip(named)}.`,
          );
        }
      }
      const receivedAt = new Date();
      const appVersion = req.get(kioskVersionHeader)?.trim().slice(0, 100) || null;
      const kioskRef = {
        municipalityId: kiosk.municipalityId,
        siteId: kiosk.siteId,
        kioskId: kiosk.id,
      };
      const outcome = await ingestBatch(
        pool,
        kioskRef,
        {
          responses: body.responses,
          sentAt: body.sentAt,
          receivedAt,
          appVersion,
          device: body.device,
        },
        options.fingerprintKeys,
      );
      options.writeHealth?.succeeded();
      // The site's central kiosk settings ride along: a kiosk that syncs has the latest ones.
      const site = { municipalityId: kiosk.municipalityId, id: kiosk.siteId };
      const settingsRow = await findSiteKioskSettings(pool, site);
      const settings = settingsRow ? syncedSettingsOf(settingsRow) : undefined;
      // So do its local questions (an empty list: it asks none now).
      const localQuestions = await syncedLocalQuestions(pool, site);
      const missingSeqs = await missingSeqsOf(pool, kioskRef);
      metrics.ingestBatches.inc();
      metrics.ingested.inc({ outcome: "accepted" }, outcome.accepted.length);
      metrics.ingested.inc({ outcome: "duplicate" }, outcome.duplicates.length);
      metrics.ingested.inc({ outcome: "rejected" }, outcome.rejected.length);
      res
        .set("Cache-Control", "no-store")
        // Typed as the kiosk reads it (shared/sync-reply.ts): the compiler keeps the two in step.
        .json({
          ...outcome,
          serverTime: new Date().toISOString(),
          ...(settings && { settings }),
          localQuestions,
          ...(missingSeqs.length > 0 ? { missingSeqs } : {}),
        } satisfies SyncReply);
    },
  );
  return router;
}
