import type { Request, Response } from "express";
import type { Pool } from "../db.ts";
import { type AuditEntry, insertAuditEntries } from "../queries/audit-log.ts";
import { viewerOf } from "./viewer-auth.ts";

type Actor = Pick<AuditEntry, "actorKind" | "actorId" | "actorLabel" | "ip">;

/** The authenticated viewer (after requireViewer) as the audit log names an actor. */
export function actorOf(req: Request, res: Response): Actor {
  const viewer = viewerOf(res);
  return viewer.tokenId
    ? { actorKind: "token", actorId: viewer.tokenId, actorLabel: viewer.label, ip: req.ip }
    : { actorKind: "user", actorId: viewer.userId, actorLabel: viewer.label, ip: req.ip };
}

/** One entry by the viewer, in the viewer's municipality. */
export async function audit(
  pool: Pool,
  req: Request,
  res: Response,
  entry: { action: string; targetId?: string | null; details?: Record<string, unknown> },
): Promise<void> {
  await insertAuditEntries(pool, [
    { municipalityId: viewerOf(res).municipalityId, ...actorOf(req, res), ...entry },
  ]);
}
