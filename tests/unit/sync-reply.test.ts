import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseErrorBody, parseSyncReply, type SyncReply } from "../../shared/sync-reply.ts";

const rejection = fc.record({ id: fc.string(), code: fc.string(), message: fc.string() });
const reply: fc.Arbitrary<SyncReply> = fc.record({
  accepted: fc.array(fc.uuid()),
  duplicates: fc.array(fc.uuid()),
  rejected: fc.array(rejection),
  serverTime: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
});
const fields = ["accepted", "duplicates", "rejected", "serverTime"] as const;

describe("the kiosk's zod-free reading of the sync reply", () => {
  it("takes every well-formed reply as it is, dropping fields it does not know", () => {
    fc.assert(
      fc.property(reply, fc.string(), (sent, extra) => {
        expect(parseSyncReply({ ...sent, [`x${extra}`]: 1 })).toEqual(sent);
      }),
      { seed: 11 },
    );
  });

  it("refuses a reply with any field missing or of the wrong kind", () => {
    fc.assert(
      fc.property(
        reply,
        fc.constantFrom(...fields),
        fc.oneof(fc.constant(undefined), fc.integer(), fc.constant([1]), fc.constant({})),
        (sent, field, wrong) => {
          expect(parseSyncReply({ ...sent, [field]: wrong })).toBeUndefined();
        },
      ),
      { seed: 11 },
    );
    expect(parseSyncReply("<html>Log in to the guest Wi-Fi</html>")).toBeUndefined();
    expect(parseSyncReply(null)).toBeUndefined();
    expect(
      parseSyncReply({ accepted: [], duplicates: [], rejected: [{ id: "a" }], serverTime: "" }),
    ).toBeUndefined();
  });

  it("passes the central settings on unread, for shared/kiosk-settings.ts to judge", () => {
    const sent = { accepted: [], duplicates: [], rejected: [], serverTime: "" };
    const settings = { version: 3, idleMs: "not a number" };
    expect(parseSyncReply({ ...sent, settings })).toEqual({ ...sent, settings });
    expect(parseSyncReply(sent)).not.toHaveProperty("settings");
  });

  it("reads the missing seq ranges a restored server names, and refuses malformed ones", () => {
    const sent = { accepted: [], duplicates: [], rejected: [], serverTime: "" };
    const missingSeqs = [{ from: 3, to: 5 }];
    expect(parseSyncReply({ ...sent, missingSeqs })).toEqual({ ...sent, missingSeqs });
    expect(parseSyncReply({ ...sent, missingSeqs: [{ from: 3 }] })).toBeUndefined();
    expect(parseSyncReply({ ...sent, missingSeqs: [{ from: 1.5, to: 2 }] })).toBeUndefined();
    expect(parseSyncReply({ ...sent, missingSeqs: "3-5" })).toBeUndefined();
  });

  it("reads the catalogue's error body and nothing else", () => {
    expect(parseErrorBody({ error: { code: "invalid_token", message: "No." } })).toEqual({
      error: { code: "invalid_token", message: "No." },
    });
    expect(parseErrorBody({ error: "invalid_token" })).toBeUndefined();
    expect(parseErrorBody([])).toBeUndefined();
  });
});
