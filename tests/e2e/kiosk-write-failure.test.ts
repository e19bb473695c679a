import { describe, expect, it } from "vitest";
import { browserNames } from "./pages/kiosk-driver.ts";
import { setUpKioskEnv } from "./pages/kiosk-env.ts";
import { testConfig } from "./pages/kiosk-page.ts";

/**
 * The kiosk shows the next screen while the tap's answer commits to IndexedDB
 * (kiosk/app/useInterview.ts). If that write fails, the citizen must not be left on a screen
 * that says the answer was taken: the kiosk goes back to the question they answered. The write
 * is made to fail by removing the interview's stored row behind the kiosk's back, so the write's
 * own guard (the row must still be this interview in progress) aborts it.
 */
const env = setUpKioskEnv();

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

for (const name of browserNames) {
  describe(`${name}: a tap whose write fails is not shown as answered`, () => {
    const kiosk = env.useBrowser(name);

    it("a later answer: back on the question, nothing stored for it", async () => {
      await kiosk().driver.open(testConfig);
      await kiosk().start();
      expect(await kiosk().answer("yes")).toBe("sent_on");
      await kiosk().waitForSettled();
      await kiosk().driver.run(removeStoredInterview);
      await kiosk().driver.click('[data-answer="yes"]');
      // Settled again only once the failed write is over and the screen is back.
      await kiosk().driver.waitFor(
        `return document.querySelector("main")?.hasAttribute("data-settled") === true &&
          document.querySelector("main section")?.getAttribute("data-question") === "sent_on";`,
      );
      expect(await kiosk().responses()).toEqual([]);
    });

    it("the last answer: back on the last question, not the thank-you screen", async () => {
      await kiosk().driver.open(testConfig);
      await kiosk().start();
      for (const answer of ["yes", "no", "very_good", "yes"]) await kiosk().answer(answer);
      expect(await kiosk().screen()).toBe("improve");
      await kiosk().driver.run(removeStoredInterview);
      await kiosk().driver.click('[data-answer="nothing"]');
      await kiosk().driver.waitFor(
        `return document.querySelector("main")?.hasAttribute("data-settled") === true &&
          document.querySelector("main section")?.getAttribute("data-question") === "improve";`,
      );
      expect(await kiosk().responses()).toEqual([]);
    });
  });
}
