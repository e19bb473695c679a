import http, { type RequestListener, type ServerOptions } from "node:http";
import https from "node:https";
import type { HttpServerLimits } from "../config.ts";

/**
 * Node's HTTP (or, given a certificate, HTTPS) server with the timeouts and connection cap of
 * the configuration: a client that trickles its headers (slowloris) or body is cut off, and idle
 * keep-alive sockets are closed a little after a kiosk's next poll would reuse them. Past
 * maxConnections new sockets are closed at once, so a flood cannot use up file descriptors and
 * memory.
 */
export function createLimitedServer(
  limits: HttpServerLimits,
  handler: RequestListener,
  certificate?: { cert: Buffer; key: Buffer },
): http.Server {
  const options: ServerOptions = {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // How often the two timeouts above are checked (Node's default, 30 s, is coarser than them).
    connectionsCheckingInterval: Math.min(30_000, Math.max(250, limits.headersTimeoutMs / 4)),
  };
  const server: http.Server = certificate
    ? https.createServer({ ...options, ...certificate }, handler)
    : http.createServer(options, handler);
  server.maxConnections = limits.maxConnections;
  return server;
}
