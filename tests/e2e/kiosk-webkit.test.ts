import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFrontendsIfStale } from "../../sync-server/frontends.ts";
import { createLogger } from "../../sync-server/logger.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";
import { WebKitSession, webkitAvailable } from "./pages/webkit-driver.ts";
import { WebKitKiosk } from "./pages/webkit-kiosk.ts";

/**
 * The iPad runs WebKit: the core paths again in WebKitGTK's MiniBrowser over WebDriver.
 * WebDriver has no "offline" switch, so stopping the server stands in for losing the network.
 */
let db: TestDatabase;
let server: TestServer | undefined;
let session: WebKitSession;
let kiosk: WebKitKiosk;

beforeAll(async () => {
  const missing = webkitAvailable();
  if (missing) throw new Error(`WebKit tests need ${missing}; \`bash .ci/run\` installs both.`);
  await buildFrontendsIfStale(createLogger("warn"));
  db = await createTestDatabase();
  server = await startTestServer(db.pool);
  session = await WebKitSession.start();
  kiosk = new WebKitKiosk(session, server.baseUrl);
  await kiosk.goto();
});
afterAll(async () => {
  await session?.close();
  await server?.close();
  await db?.drop();
});

describe("the kiosk in WebKit (MiniBrowser over WebDriver)", () => {
  it("a citizen completes an interview; it is stored complete and pending", async () => {
    expect(await kiosk.heading()).toBe("Hvordan gik dit besøg i dag?");
    expect(await kiosk.start()).toBe("got_help");
    expect(await kiosk.answer("yes")).toBe("sent_on");
    expect(await kiosk.answer("yes")).toBe("referred_ok");
    expect(await kiosk.answer("yes")).toBe("guidance");
    expect(await kiosk.answer("very_good")).toBe("seen_heard");
    expect(await kiosk.answer("yes")).toBe("improve");
    expect(await kiosk.answer("nothing")).toBe("thanks");
    const [response] = await kiosk.responses();
    expect(response).toMatchObject({
      seq: 1,
      status: "complete",
      syncState: "pending",
      answers: {
        got_help: "yes",
        sent_on: "yes",
        referred_ok: "yes",
        guidance: "very_good",
        seen_heard: "yes",
        improve: "nothing",
      },
    });
    expect(await kiosk.done()).toBe("start");
  });

  it("offline: with the server gone, three interviews, a reload, all kept, still working", async () => {
    await kiosk.waitForServiceWorker();
    await server?.close();
    server = undefined;
    for (let i = 0; i < 3; i += 1) {
      await kiosk.answerAll();
      expect(await kiosk.done()).toBe("start");
    }
    await kiosk.reload();
    expect(await kiosk.heading()).toBe("Hvordan gik dit besøg i dag?");
    const seqs = (await kiosk.responses()).map((r) => [r.seq, r.status]).sort();
    expect(seqs).toEqual([
      [1, "complete"],
      [2, "complete"],
      [3, "complete"],
      [4, "complete"],
    ]);
    await kiosk.answerAll();
    expect((await kiosk.responses()).length).toBe(5);
  });
});
