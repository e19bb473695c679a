import express, { type Router } from "express";
import { AppError } from "../../shared/errors.ts";
import type { Pool } from "../db.ts";
import { fromDatabaseError } from "../db-errors.ts";
import { probeWrite } from "../queries/readiness-probe.ts";
import type { WriteHealth } from "./write-health.ts";

const probeTimeoutMs = 2000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new AppError("database_timeout", `The database gave no answer within ${ms} ms.`)),
      ms,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export type HealthDeps = { pool: Pool; writeHealth: WriteHealth; retryAfterSeconds: number };

function poolState(pool: Pool) {
  return {
    max: pool.options.max ?? 10,
    total: pool.totalCount,
    idle: pool.idleCount,
    waiting: pool.waitingCount,
  };
}

/**
 * /healthz is liveness: the process runs and serves HTTP (restart it when this fails).
 * /readyz is readiness: a write reaches the database now (send no traffic while this fails).
 * Kept apart so a database outage takes the server out of rotation without getting it killed.
 */
export function healthRoutes({ pool, writeHealth, retryAfterSeconds }: HealthDeps): Router {
  const router = express.Router();
  router.get("/healthz", (_req, res) => {
    res
      .set("Cache-Control", "no-store")
      .json({ status: "ok", uptimeS: Math.round(process.uptime()) });
  });
  router.get("/readyz", async (_req, res) => {
    const started = Date.now();
    res.set("Cache-Control", "no-store");
    const notReady = (error: AppError, database: string) =>
      res
        .status(503)
        .set("Retry-After", String(retryAfterSeconds))
        .json({ status: "unavailable", database, pool: poolState(pool), ...error.toBody() });
    const state = poolState(pool);
    // Every connection busy and requests queueing: the database is fine, this server is full.
    if (state.waiting > 0 && state.total >= state.max) {
      notReady(
        new AppError(
          "server_busy",
          `All ${state.max} database connections are in use and ${state.waiting} requests wait for one.`,
        ),
        "busy",
      );
      return;
    }
    try {
      await withTimeout(probeWrite(pool), probeTimeoutMs);
    } catch (error) {
      const known =
        error instanceof AppError
          ? error
          : new AppError(
              fromDatabaseError(error)?.code ?? "database_unavailable",
              // The driver's message names hosts, ports and roles: it goes to no one on the
              // network (the server log has it).
              "The database refused a test write.",
            );
      notReady(
        known,
        known.code === "database_read_only"
          ? "read-only"
          : known.code === "database_full"
            ? "full"
            : "unreachable",
      );
      return;
    }
    const failing = writeHealth.failing();
    if (failing) {
      notReady(new AppError(failing), failing === "database_read_only" ? "read-only" : "full");
      return;
    }
    res.json({
      status: "ok",
      database: "ok",
      latencyMs: Date.now() - started,
      pool: poolState(pool),
    });
  });
  return router;
}
