import { describe, expect, it } from "vitest";
import { browserNames } from "./pages/kiosk-driver.ts";
import { setUpKioskEnv } from "./pages/kiosk-env.ts";
import { testConfig } from "./pages/kiosk-page.ts";

/**
 * The kiosk shows the next screen while the tap's answer commits to IndexedDB
 * (kiosk/app/useInterview.ts). If that write fails, the citizen must not be left on a screen
 * that says the answer was taken: the kiosk goes back to the question they answered, and a tap
 * there stores it. Each test records the screens shown after its tap, so it sees the next
 * screen come and go (a kiosk that never went back would stay on it and time out).
 */
const env = setUpKioskEnv();

/** Starts recording every screen shown, in order, into window.__screens. */
const recordScreens = `
  window.__screens = [];
  const key = () => {
    const section = document.querySelector("main section");
    return section?.getAttribute("data-question") ?? section?.getAttribute("data-screen");
  };
  new MutationObserver(() => {
    const now = key();
    if (now !== window.__screens.at(-1)) window.__screens.push(now);
  }).observe(document.querySelector("main"), { subtree: true, childList: true, attributes: true });
  return true;`;
const screensShown = "return window.__screens;";
const backOn = (question: string) =>
  `return window.__screens.length > 1 && window.__screens.at(-1) === ${JSON.stringify(question)} &&
     document.querySelector("main")?.hasAttribute("data-settled") === true;`;

/** The guard's failure: the stored row is gone, so the write's own check aborts it. */
const removeStoredInterview = `return new Promise((resolve, reject) => {
  const request = indexedDB.open("borgerpuls-kiosk");
  request.onerror = () => reject(request.error);
  request.onsuccess = () => {
    const db = request.result;
    const tx = db.transaction("responses", "readwrite");
    tx.objectStore("responses").clear();
    tx.oncomplete = () => { db.close(); resolve(true); };
    tx.onabort = () => reject(tx.error);
  };
});`;

/** A failure that passes: the interview's next put throws once, as a storage hiccup would
 * (other writes, e.g. the sync engine's, go through). */
const failNextPut = `
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (...args) {
    if (this.name !== "responses" || args[0]?.status !== "in_progress") return put.apply(this, args);
    IDBObjectStore.prototype.put = put;
    throw new DOMException("injected by the test", "UnknownError");
  };
  return true;`;

for (const name of browserNames) {
  describe(`${name}: a tap whose write fails is not shown as answered`, () => {
    const kiosk = env.useBrowser(name);

    it("a failed write: the next screen goes, the question is back; a second tap stores the answer", async () => {
      await kiosk().driver.open(testConfig);
      await kiosk().start();
      expect(await kiosk().answer("yes")).toBe("sent_on");
      await kiosk().driver.run(failNextPut);
      await kiosk().driver.run(recordScreens);
      await kiosk().driver.click('[data-answer="yes"]');
      await kiosk().driver.waitFor(backOn("sent_on"));
      expect(await kiosk().driver.run<string[]>(screensShown)).toEqual(["referred_ok", "sent_on"]);
      expect((await kiosk().responses())[0]?.answers).toEqual({ got_help: "yes" });
      expect(await kiosk().answer("yes")).toBe("referred_ok");
      expect((await kiosk().responses())[0]?.answers).toEqual({ got_help: "yes", sent_on: "yes" });
    });

    it("the end's write failing: back from the thank-you screen to the last question", async () => {
      await kiosk().driver.open(testConfig);
      await kiosk().start();
      for (const answer of ["yes", "no", "very_good", "yes"]) await kiosk().answer(answer);
      expect(await kiosk().screen()).toBe("improve");
      await kiosk().driver.run(removeStoredInterview);
      await kiosk().driver.run(recordScreens);
      await kiosk().driver.click('[data-answer="nothing"]');
      await kiosk().driver.waitFor(backOn("improve"));
      expect(await kiosk().driver.run<string[]>(screensShown)).toEqual(["thanks", "improve"]);
      expect(await kiosk().responses()).toEqual([]);
    });
  });
}
