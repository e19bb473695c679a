import { describe, expect, it } from "vitest";
import type { Comment, KioskHealth } from "../../sync-server/dashboard/api/types.ts";
import type { Comment as ServerComment } from "../../sync-server/queries/comments.ts";
import type { KioskHealthRow } from "../../sync-server/reports/kiosk-health.ts";

/**
 * The dashboard may import only shared/, so it declares the two non-report rows it reads. These
 * assignments fail `tsc` (part of `npm test`) the moment the server's types and the dashboard's
 * drift apart in either direction.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const commentsAgree: Same<Comment, ServerComment> = true;
const kioskRowsAgree: Same<KioskHealth, KioskHealthRow> = true;

describe("the dashboard's copies of server row types", () => {
  it("match the server's types (checked by the compiler)", () => {
    expect([commentsAgree, kioskRowsAgree]).toEqual([true, true]);
  });
});
