import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { registerPwa } from "../pwa/register.ts";
import { takeEnrolToken } from "../services/enrol-link.ts";
import { createSettingsSource } from "../services/kiosk-settings.ts";
import { requestPersistentStorage } from "../services/storage.ts";
import { staffActions } from "../staff/actions.ts";
import { KioskDatabase } from "../store/db.ts";
import { abandonInterrupted } from "../store/interview.ts";
import { setMeta } from "../store/meta.ts";
import { startSyncSoon } from "../sync/deferred.ts";
import { App } from "./App.tsx";
import { loadOverrides } from "./config.ts";
import "./styles.css";

// First, before anything renders: the enrolment token must not linger in the address bar.
const enrolToken = takeEnrolToken();
document.documentElement.dataset.build = __KIOSK_BUILD__;

const db = new KioskDatabase();
const settings = createSettingsSource(db, loadOverrides());
const pwa = registerPwa(`${import.meta.env.BASE_URL}sw.js`);

/** Long enough for the start screen to be up and settled first, short enough to go unnoticed. */
const syncAfterBootMs = 1_500;

async function boot(): Promise<void> {
  // An interview cut off by a reload or power cut: its citizen is gone; keep it as abandoned.
  await abandonInterrupted(db).catch((error: unknown) =>
    console.error("kiosk: could not close interrupted interviews", error),
  );
  // The settings kept from the last sync first: an offline kiosk runs with what it had.
  await settings
    .refresh()
    .catch((error: unknown) => console.error("kiosk: could not read the kept settings", error));
  // Sync starts a moment after the start screen: nothing on it needs the engine (see deferred.ts).
  const sync = startSyncSoon(db, () => void settings.refresh(), syncAfterBootMs);
  const staff = staffActions(db, sync.requestSync);
  requestPersistentStorage().then((persisted) => setMeta(db, "storagePersisted", persisted));

  const container = document.getElementById("root");
  if (!container) throw new Error("index.html lacks #root");
  const root = createRoot(container);
  root.render(
    <StrictMode>
      <App
        db={db}
        settings={settings}
        pwa={pwa}
        staff={staff}
        requestSync={sync.requestSync}
        enrolToken={enrolToken}
      />
    </StrictMode>,
  );
}

void boot();
