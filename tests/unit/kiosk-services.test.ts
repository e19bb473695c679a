import { afterEach, describe, expect, it, vi } from "vitest";
import { checkToken, normaliseServerUrl } from "../../kiosk/services/enrol.ts";
import { hashPin, isValidPin, pinMatches } from "../../kiosk/services/pin.ts";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("staff PIN", () => {
  it("is 4 to 8 digits, stored salted and hashed, and checked", async () => {
    expect(["123", "12a4", "123456789"].map(isValidPin)).toEqual([false, false, false]);
    expect(isValidPin("2468")).toBe(true);
    const stored = await hashPin("2468");
    expect(stored).not.toContain("2468");
    expect(stored).not.toBe(await hashPin("2468"));
    expect(await pinMatches("2468", stored)).toBe(true);
    expect(await pinMatches("2469", stored)).toBe(false);
    expect(await pinMatches("2468", "garbage")).toBe(false);
  });
});

describe("enrolment check (GET /api/v1/kiosk/me)", () => {
  it("sends the token as a bearer token and returns the enrolment", async () => {
    const fetchMock = vi.fn(async () =>
      Response.json({
        kioskId: "k",
        siteId: "s",
        name: "Skranke 1",
        serverTime: "2026-01-01T00:00:00Z",
      }),
    );
    vi.stubGlobal("fetch", fetchMock);
    const result = await checkToken("https://bp.example/ ", " bpk_abc ");
    expect(fetchMock).toHaveBeenCalledWith("https://bp.example/api/v1/kiosk/me", {
      headers: { Authorization: "Bearer bpk_abc" },
      cache: "no-store",
    });
    expect(result).toMatchObject({
      ok: true,
      enrolment: {
        serverUrl: "https://bp.example",
        token: "bpk_abc",
        kioskId: "k",
        name: "Skranke 1",
      },
    });
  });

  it("passes on the server's error message, and says so when there is no answer", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () =>
        Response.json(
          { error: { code: "unauthorized", message: "Unknown token." } },
          { status: 401 },
        ),
      ),
    );
    expect(await checkToken("https://bp.example", "x")).toEqual({
      ok: false,
      message: "Unknown token.",
    });
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        throw new TypeError("Failed to fetch");
      }),
    );
    expect((await checkToken("https://bp.example", "x")).ok).toBe(false);
  });

  it("normalises the server address", () => {
    expect(normaliseServerUrl(" https://bp.example/// ")).toBe("https://bp.example");
  });
});
