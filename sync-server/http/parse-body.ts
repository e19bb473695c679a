import type { z } from "zod";
import { AppError } from "../../shared/errors.ts";

/** A JSON body against its schema; the first problem becomes a 400 naming the field. */
export function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      "invalid_request",
      `${issue?.path.join(".") || "body"}: ${issue?.message ?? "not valid"}.`,
    );
  }
  return parsed.data;
}
