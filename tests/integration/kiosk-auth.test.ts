import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addKiosk, addSite, revokeKioskById } from "../../sync-server/admin/verbs.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

let db: TestDatabase;
let server: TestServer;
let kiosk: { kioskId: string; siteId: string; token: string };

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db.pool);
  const site = await addSite(db.pool, { name: "Borgerservice", municipality: "Testkommune" });
  kiosk = await addKiosk(db.pool, { siteId: site.siteId, name: "Skranke" });
});
afterAll(async () => {
  await server.close();
  await db.drop();
});

const me = (authorization?: string) =>
  fetch(`${server.baseUrl}/api/v1/kiosk/me`, { headers: authorization ? { authorization } : {} });

describe("kiosk token authentication", () => {
  it("lets an enrolled kiosk learn who it is and the server's time", async () => {
    const response = await me(`Bearer ${kiosk.token}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, string>;
    expect(body).toMatchObject({ kioskId: kiosk.kioskId, siteId: kiosk.siteId, name: "Skranke" });
    expect(Math.abs(Date.parse(body.serverTime ?? "") - Date.now())).toBeLessThan(5000);
  });

  it("answers 401 in the one error shape for a missing, malformed or wrong token", async () => {
    for (const header of [
      undefined,
      "Bearer nonsense",
      `Bearer ${kiosk.token.slice(0, -2)}xx`,
      `Basic ${kiosk.token}`,
    ]) {
      const response = await me(header);
      expect(response.status).toBe(401);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("unauthorized");
      expect(body.error.message.length).toBeGreaterThan(10);
    }
  });

  it("refuses a revoked kiosk and says so", async () => {
    const other = await addKiosk(db.pool, { siteId: kiosk.siteId });
    await revokeKioskById(db.pool, other.kioskId);
    const response = await me(`Bearer ${other.token}`);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /revoked/,
    );
  });
});
