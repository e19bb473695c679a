import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import { precompress } from "./vite-precompress.ts";

const root = fileURLToPath(new URL(".", import.meta.url));
const { version } = JSON.parse(
  readFileSync(new URL("../package.json", import.meta.url), "utf8"),
) as { version: string };

export default defineConfig({
  root,
  base: "/kiosk/",
  define: {
    // React picks its development build from NODE_ENV, which vitest sets to "test" when a test
    // builds the kiosk: the kiosk is always built for production.
    "process.env.NODE_ENV": JSON.stringify("production"),
    // Shown in staff mode and on <html data-build>; tests override it to tell two builds apart.
    __KIOSK_VERSION__: JSON.stringify(version),
    __KIOSK_BUILD__: JSON.stringify(process.env.KIOSK_BUILD ?? new Date().toISOString()),
  },
  // With NODE_ENV=test (a test building the kiosk) Vite would emit development JSX calls that the
  // production React forced above lacks.
  oxc: { jsx: { development: false } },
  plugins: [
    react(),
    // .br and .gz beside each asset, served by sync-server/http/static-apps.ts.
    precompress(),
    VitePWA({
      // We register ourselves (kiosk/pwa/register.ts, plain navigator.serviceWorker) so the app
      // decides when a new version may take over: only on the start screen, never mid-interview.
      // (workbox-window stays in package.json as this plugin's peer dependency.)
      injectRegister: false,
      // "prompt": a new service worker installs and then waits; the app tells it to activate.
      registerType: "prompt",
      strategies: "generateSW",
      // Like React above: a production worker even when a test (NODE_ENV=test) builds the kiosk.
      mode: "production",
      filename: "sw.js",
      manifest: {
        name: "Borgerpuls",
        short_name: "Borgerpuls",
        description: "Hvordan gik dit besøg i dag?",
        lang: "da",
        start_url: "/kiosk/",
        scope: "/kiosk/",
        display: "standalone",
        background_color: "#f5f3ee",
        theme_color: "#1d4f6e",
        // PNGs for iPadOS and Android home screens (they ignore SVG icons); the SVG for the rest.
        icons: [
          { src: "icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
          { src: "icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
          { src: "icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
        ],
      },
      workbox: {
        // The whole app shell (HTML, JS, CSS; the plugin adds the manifest and its icon) is
        // precached at install, so after the first visit the kiosk starts with no network at all.
        globPatterns: ["**/*.{html,js,css}"],
        // A reload of any /kiosk/ address offline gets the precached page; the API never does.
        navigateFallback: "/kiosk/index.html",
        navigateFallbackAllowlist: [/^\/kiosk\//],
        // Without clientsClaim the very first load is never controlled by the worker, and a
        // kiosk that loses the network before its first reload would not start offline.
        clientsClaim: true,
        // Deliberately false: an update must wait until no interview is in progress. The
        // generated worker then listens for the SKIP_WAITING message that the start screen sends.
        skipWaiting: false,
        // Old precaches go once the new worker activates, so the iPad's storage does not fill up.
        cleanupOutdatedCaches: true,
        // Nothing is cached at run time: API calls (sync, enrolment) must reach the server or fail.
        runtimeCaching: [],
      },
    }),
  ],
  build: { outDir: fileURLToPath(new URL("../dist/kiosk", import.meta.url)), emptyOutDir: true },
});
