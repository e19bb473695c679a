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
