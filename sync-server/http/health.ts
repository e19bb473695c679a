import express, { type Router } from "express";
import type { Pool } from "../db.ts";

const databaseTimeoutMs = 2000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Liveness plus a database round trip with a short timeout, for load balancers and uptime checks. */
export function healthRoutes(pool: Pool): Router {
  const router = express.Router();
  router.get("/healthz", async (_req, res) => {
    const started = Date.now();
    res.set("Cache-Control", "no-store");
    try {
      await withTimeout(pool.query("select 1"), databaseTimeoutMs);
      res.json({ status: "ok", database: "ok", latencyMs: Date.now() - started });
    } catch (error) {
      res.status(503).json({
        status: "unavailable",
        database: "unreachable",
        error: {
          code: "database_unavailable",
          message: `The database cannot be reached: ${(error as Error).message}`,
        },
      });
    }
  });
  return router;
}
