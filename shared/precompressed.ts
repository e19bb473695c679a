/**
 * The encodings the build writes beside each asset (kiosk/vite-precompress.ts) and the server
 * sends (sync-server/http/static-apps.ts), best first: one list, so the two cannot drift.
 */
export const precompressedEncodings = [
  { encoding: "br", suffix: ".br" },
  { encoding: "gzip", suffix: ".gz" },
] as const;

/** Hashed build output worth compressing ahead (text; images are compressed already). */
export const precompressedTypes = /\.(js|css|svg|json|webmanifest)$/;
