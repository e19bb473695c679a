import type { NextFunction, Request, Response } from "express";
import { AppError } from "../../shared/errors.ts";
import { fromDatabaseError } from "../db-errors.ts";
import type { Logger } from "../logger.ts";
import type { Metrics } from "./metrics.ts";
import type { WriteHealth } from "./write-health.ts";

/** Body-parser errors carry a `type`; map them onto the catalogue instead of a 500. */
function fromBodyParser(error: unknown): AppError | undefined {
  const type = (error as { type?: unknown } | null)?.type;
  if (type === "entity.parse.failed") return new AppError("invalid_json");
  if (type === "entity.too.large") {
    const limit = (error as { limit?: number }).limit;
    return new AppError(
      "payload_too_large",
      `The request body is larger than the ${limit ? `${Math.round(limit / 1024 / 1024)} MiB ` : ""}the server accepts.`,
    );
  }
  if (type === "encoding.unsupported" || type === "charset.unsupported") {
    return new AppError("invalid_request", "The request body must be UTF-8 JSON.");
  }
  // A corrupt gzip/deflate/br body: body-parser passes zlib's error on with status 400 and no
  // type (zlib's codes are Z_…, brotli's ERR__…).
  const { status, code } = (error ?? {}) as { status?: unknown; code?: unknown };
  if (typeof code === "string" && /^(Z_|ERR__)/.test(code)) {
    return new AppError("invalid_encoding");
  }
  // Any other error body-parser marks as the client's (aborted, wrong length, too many
  // parameters): a 4xx with a reason, never a 500.
  if (typeof status === "number" && status >= 400 && status < 500 && typeof type === "string") {
    return new AppError("invalid_request", `The request body could not be read (${type}).`);
  }
  return undefined;
}

/**
 * The client went away before its request was read (a kiosk's timeout, a closed tab): normal
 * on flaky Wi-Fi, nothing to fix, so not an error in the log.
 */
function isClientAbort(error: unknown, req: Request): boolean {
  const type = (error as { type?: unknown } | null)?.type;
  return type === "request.aborted" || (req.destroyed && !req.complete);
}

export function notFoundHandler(req: Request, _res: Response, next: NextFunction): void {
  next(
    new AppError("not_found", `No such resource: ${req.method} ${req.originalUrl.split("?")[0]}`),
  );
}

export type ErrorHandlerOptions = {
  /** Retry-After on every 503 (the database's trouble is temporary). */
  retryAfterSeconds: number;
  writeHealth?: WriteHealth;
  metrics?: Metrics;
};

export function errorHandler(logger: Logger, options: ErrorHandlerOptions) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (isClientAbort(error, req)) {
      logger.debug({ method: req.method, url: req.originalUrl }, "client aborted the request");
      if (!res.headersSent) res.status(400);
      res.end();
      return;
    }
    const known =
      error instanceof AppError ? error : (fromBodyParser(error) ?? fromDatabaseError(error));
    if (!known)
      logger.error({ err: error, method: req.method, url: req.originalUrl }, "unhandled error");
    else if (known.status === 503 && !(error instanceof AppError))
      logger.warn(
        { code: known.code, err: (error as Error).message, url: req.originalUrl },
        "database trouble",
      );
    const appError = known ?? new AppError("internal");
    if (appError.status === 503) {
      options.writeHealth?.observe(appError.code);
      options.metrics?.unavailable.inc({ code: appError.code });
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    if (appError.status === 503) {
      const retryAfter =
        res.getHeader("Retry-After") === undefined ? String(options.retryAfterSeconds) : undefined;
      if (retryAfter) res.set("Retry-After", retryAfter);
    }
    res.status(appError.status).json(appError.toBody());
  };
}
