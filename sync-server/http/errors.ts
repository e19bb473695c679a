import type { NextFunction, Request, Response } from "express";
import { AppError } from "../../shared/errors.ts";
import type { Logger } from "../logger.ts";

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
  return undefined;
}

export function notFoundHandler(req: Request, _res: Response, next: NextFunction): void {
  next(
    new AppError("not_found", `No such resource: ${req.method} ${req.originalUrl.split("?")[0]}`),
  );
}

export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const known = error instanceof AppError ? error : fromBodyParser(error);
    if (!known)
      logger.error({ err: error, method: req.method, url: req.originalUrl }, "unhandled error");
    const appError = known ?? new AppError("internal");
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(appError.status).json(appError.toBody());
  };
}
