import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { registerPwa } from "../pwa/register.ts";
import { takeEnrolToken } from "../services/enrol-link.ts";
import { requestPersistentStorage } from "../services/storage.ts";
import { enrolKiosk, staffActions } from "../staff/actions.ts";
import { KioskDatabase } from "../store/db.ts";
import { abandonInterrupted } from "../store/interview.ts";
import { setMeta } from "../store/meta.ts";
import { startSync } from "../sync/index.ts";
import { App } from "./App.tsx";
import { loadConfig } from "./config.ts";
import "./styles.css";

// First, before anything renders: the enrolment token must not linger in the address bar.
const enrolToken = takeEnrolToken();
document.documentElement.dataset.build = __KIOSK_BUILD__;

const db = new KioskDatabase();
const config = loadConfig();
const pwa = registerPwa(`${import.meta.env.BASE_URL}sw.js`);

async function boot(): Promise<void> {
  // An interview cut off by a reload or power cut: its citizen is gone; keep it as abandoned.
  await abandonInterrupted(db).catch((error: unknown) =>
    console.error("kiosk: could not close interrupted interviews", error),
  );
  const sync = startSync(db);
  const staff = staffActions(db, sync.requestSync);
  requestPersistentStorage().then((persisted) => setMeta(db, "storagePersisted", persisted));
  sync.requestSync();

  const container = document.getElementById("root");
  if (!container) throw new Error("index.html lacks #root");
  const root = createRoot(container);
  const render = (notice?: string) =>
    root.render(
      <StrictMode>
        <App
          db={db}
          config={config}
          pwa={pwa}
          staff={staff}
          requestSync={sync.requestSync}
          notice={notice}
        />
      </StrictMode>,
    );
  render();
  if (enrolToken) {
    const result = await enrolKiosk(db, window.location.origin, enrolToken);
    if (result.ok) sync.requestSync();
    render(result.ok ? result.message : `Tilmelding mislykkedes: ${result.message}`);
  }
}

void boot();
