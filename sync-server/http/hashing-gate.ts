import type { Response } from "express";
import { AppError } from "../../shared/errors.ts";
import { HashingBusyError, type PasswordGate } from "../password-gate.ts";

/** Runs password hashing through the gate; a full gate is 503 server_busy with Retry-After. */
export async function throughGate<T>(
  gate: PasswordGate,
  res: Response,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await gate.run(work);
  } catch (error) {
    if (!(error instanceof HashingBusyError)) throw error;
    res.set("Retry-After", String(error.retryAfterSeconds));
    throw new AppError(
      "server_busy",
      "The server is busy checking passwords; try again in a moment (see Retry-After).",
    );
  }
}
