import { describe, expect, it } from "vitest";
import { browserNames } from "./pages/kiosk-driver.ts";
import { setUpKioskEnv } from "./pages/kiosk-env.ts";
import { testConfig } from "./pages/kiosk-page.ts";

/**
 * Offline, in Chromium and WebKit: the kiosk's network is cut (kiosk-network.ts; WebDriver has
 * no offline switch), so nothing answers at all, in either engine.
 */
const env = setUpKioskEnv();

for (const name of browserNames) {
  describe(`offline (${name})`, () => {
    const kiosk = env.useBrowser(name);

    it("a reload mid-interview keeps the answers so far as abandoned, and seq is never reused", async () => {
      await kiosk().driver.open(testConfig);
      await kiosk().start();
      await kiosk().answer("yes");
      await kiosk().driver.reload();
      await kiosk().driver.waitFor(`
        return new Promise((resolve) => {
          const request = indexedDB.open("borgerpuls-kiosk");
          request.onsuccess = () => {
            const all = request.result.transaction("responses").objectStore("responses").getAll();
            all.onsuccess = () => { request.result.close(); resolve(all.result[0]?.status === "abandoned"); };
            all.onerror = () => resolve(false);
          };
          request.onerror = () => resolve(false);
        });`);
      expect((await kiosk().responses())[0]).toMatchObject({
        seq: 1,
        answers: { got_help: "yes" },
        syncState: "pending",
      });
      await kiosk().answerAll();
      expect((await kiosk().responses()).map((r) => r.seq)).toEqual([1, 2]);
    });

    it("after one load: three interviews with the network gone, a reload, all kept, still working", async () => {
      await kiosk().driver.open(testConfig);
      // The first load is controlled at once (clientsClaim): no second visit is needed.
      await kiosk().waitForServiceWorker();
      env.setOnline(false);
      for (let i = 0; i < 3; i += 1) {
        await kiosk().answerAll();
        expect(await kiosk().done()).toBe("start");
      }
      await kiosk().driver.reload();
      expect(await kiosk().heading()).toBe("Hvordan gik dit besøg i dag?");
      const stored = await kiosk().responses();
      expect(stored.map((r) => [r.seq, r.status, r.syncState])).toEqual([
        [1, "complete", "pending"],
        [2, "complete", "pending"],
        [3, "complete", "pending"],
      ]);
      // And it still works: a fourth interview, offline, after the reload.
      await kiosk().answerAll();
      expect((await kiosk().responses()).map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    });
  });
}
