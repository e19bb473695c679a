import type { TargetChange, TargetsReply } from "../../../shared/report-contract.ts";
import { getJson, sendJson } from "./http.ts";

/** /api/v1/dashboard/targets: everyone reads the targets; admins and chiefs set them. */
export const fetchTargets = () => getJson<TargetsReply>("dashboard/targets");

export const putTarget = (change: TargetChange) =>
  sendJson<TargetsReply>("PUT", "dashboard/targets", change);
