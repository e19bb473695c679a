import { timingSafeEqual } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { AppError } from "../../shared/errors.ts";
import type { ReplicaStatus } from "../read-replica.ts";
import { bearerToken } from "./kiosk-auth.ts";

/** One registry per app instance, so tests that build several apps do not share counters. */
export type Metrics = ReturnType<typeof createMetrics>;

/**
 * databaseRestarts: how often the embedded PostgreSQL was restarted; readReplica: the read
 * replica's lag and use (read-replica.ts). Both read at each scrape.
 */
export function createMetrics(
  sources: { databaseRestarts?: () => number; readReplica?: () => ReplicaStatus } = {},
) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "borgerpuls_" });
  const requests = new Counter({
    name: "borgerpuls_http_requests_total",
    help: "HTTP requests answered, by method, route and status.",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: "borgerpuls_http_request_duration_seconds",
    help: "Time from request to response, by method and route.",
    labelNames: ["method", "route"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const ingested = new Counter({
    name: "borgerpuls_ingest_responses_total",
    help: "Responses received over sync, by outcome (accepted, duplicate, rejected).",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });
  const ingestBatches = new Counter({
    name: "borgerpuls_ingest_batches_total",
    help: "Sync batches received.",
    registers: [registry],
  });
  for (const outcome of ["accepted", "duplicate", "rejected"]) ingested.inc({ outcome }, 0);
  const unavailable = new Counter({
    name: "borgerpuls_unavailable_total",
    help: "503 answers (with Retry-After), by error code: database trouble or a full server.",
    labelNames: ["code"] as const,
    registers: [registry],
  });
  const syncInFlight = new Gauge({
    name: "borgerpuls_sync_in_flight",
    help: "Sync requests being worked on now (at most SYNC_MAX_IN_FLIGHT).",
    registers: [registry],
  });
  const readRestarts = sources.databaseRestarts ?? (() => 0);
  new Gauge({
    name: "borgerpuls_database_restarts",
    help: "Times the server restarted its embedded PostgreSQL after it died, since start.",
    registers: [registry],
    collect() {
      this.set(readRestarts());
    },
  });
  const replica = sources.readReplica;
  if (replica) {
    // NaN (unknown) while the replica cannot be measured: unreachable, or not a standby.
    new Gauge({
      name: "borgerpuls_read_replica_lag_seconds",
      help: "How far the read replica (READ_DATABASE_URL) is behind the primary, in seconds.",
      registers: [registry],
      collect() {
        this.set(replica().lagSeconds ?? Number.NaN);
      },
    });
    new Gauge({
      name: "borgerpuls_read_replica_lag_bytes",
      help: "WAL bytes the primary has written that the read replica has not replayed yet.",
      registers: [registry],
      collect() {
        this.set(replica().lagBytes ?? Number.NaN);
      },
    });
    new Gauge({
      name: "borgerpuls_read_replica_in_use",
      help: "1 while report reads go to the read replica; 0 while they fall back to the primary.",
      registers: [registry],
      collect() {
        this.set(replica().inUse ? 1 : 0);
      },
    });
  }
  return { registry, requests, latency, ingested, ingestBatches, unavailable, syncInFlight };
}

/**
 * Labels by the matched route pattern (not the raw path) so ids in URLs cannot blow up the
 * number of time series; static files are grouped by their app.
 */
function routeLabel(req: Request): string {
  const route = req.route as { path?: unknown } | undefined;
  if (route && typeof route.path === "string") {
    // Not req.baseUrl: Express resets it when an error leaves the router, so every refused
    // request was labelled "/". The mount path is the URL less the route's own segments.
    const segments = (req.originalUrl.split("?")[0] ?? "").split("/").filter(Boolean);
    const own = route.path.split("/").filter(Boolean).length;
    const mount = segments.slice(0, Math.max(0, segments.length - own)).join("/");
    return `${mount ? `/${mount}` : ""}${route.path}`;
  }
  const top = /^\/(kiosk|dashboard|api)\b/.exec(req.originalUrl);
  return top ? `/${top[1]}/*` : "other";
}

export function metricsMiddleware(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction) => {
    const stop = process.hrtime.bigint();
    res.on("finish", () => {
      const route = routeLabel(req);
      const seconds = Number(process.hrtime.bigint() - stop) / 1e9;
      metrics.requests.inc({ method: req.method, route, status: String(res.statusCode) });
      metrics.latency.observe({ method: req.method, route }, seconds);
    });
    next();
  };
}

function isLoopback(address: string | undefined): boolean {
  return address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1";
}

/**
 * Headers a reverse proxy adds (RFC 7239 Forwarded and Via; the X-Forwarded-* family of
 * nginx, Apache, Caddy, Traefik, HAProxy; X-Real-IP; CDN variants). Any one of them means the
 * request was relayed, so its loopback socket says nothing about where it came from.
 */
const proxyHeaders = [
  "forwarded",
  "via",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-server",
  "x-real-ip",
  "x-client-ip",
  "true-client-ip",
  "cf-connecting-ip",
  "fastly-client-ip",
  "x-cluster-client-ip",
] as const;

/**
 * Whether TRUST_PROXY names the socket's peer as a proxy (Express compiles the setting into
 * this function). A proxy that adds no header at all (nginx's bare proxy_pass) is still caught
 * when the operator declared it, as the log-in limits need anyway.
 */
function peerIsTrustedProxy(req: Request, address: string): boolean {
  const trust: unknown = req.app.get("trust proxy fn");
  return typeof trust === "function" && trust(address, 0) === true;
}

/**
 * "This machine" without a token: a loopback socket, no proxy header, and a peer TRUST_PROXY
 * does not call a proxy. A reverse proxy on the same host connects from loopback too, and
 * every request it relays would otherwise see the metrics.
 */
function fromThisMachine(req: Request): boolean {
  const address = req.socket.remoteAddress;
  if (address === undefined || !isLoopback(address)) return false;
  if (proxyHeaders.some((name) => req.headers[name] !== undefined)) return false;
  return !peerIsTrustedProxy(req, address);
}

/**
 * /metrics shows per-route counts and ingest volumes: with METRICS_TOKEN set, only a scraper
 * sending it as a bearer token sees them; unset, only a client on this machine that did not
 * come through a proxy (fromThisMachine) does.
 */
export function metricsAccess(token: string | undefined) {
  const expected = token === undefined ? undefined : Buffer.from(token);
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (expected === undefined) {
      if (!fromThisMachine(req)) {
        throw new AppError(
          "forbidden",
          "Metrics are served to this machine only, not through a proxy; set METRICS_TOKEN to scrape from elsewhere.",
        );
      }
      next();
      return;
    }
    const sent = Buffer.from(bearerToken(req) ?? "");
    if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
      throw new AppError("unauthorized", "Send the metrics token as `Authorization: Bearer …`.");
    }
    next();
  };
}
